using System.Net;
using Microsoft.Data.Sqlite;

namespace PxeKit.Server.Leases;

/// <summary>
/// Leases in an SQLite file (WAL, <c>synchronous=FULL</c>). Writes are group-committed: the writes
/// that arrive while one transaction is being synced go into the next, and a write's task completes
/// only once its transaction is on disk, so an ACK sent then survives a SIGKILL or a power cut, and a
/// burst of a rack's ACKs costs one fsync rather than one each.
/// </summary>
public sealed class SqliteLeaseStore : ILeaseStore
{
    /// <summary>SQLite's result codes for a file that is not a database, and for one it found corrupt.</summary>
    private const int NotADatabase = 26;
    private const int Corrupt = 11;
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private readonly SqliteCommand _release;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _delete;
    private readonly GroupCommit<LeaseWrite> _writer;

    public SqliteLeaseStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            _connection.Open();

            // A file of a newer schema is refused before anything, WAL mode included, is written to it.
            LeaseSchema.VersionOf(_connection, path);
            Execute("PRAGMA journal_mode=WAL;");
            Execute("PRAGMA synchronous=FULL;");
            LeaseSchema.Upgrade(_connection, path);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is NotADatabase or Corrupt)
        {
            _connection.Dispose();
            throw new LeaseDatabaseDamagedException(path, e.SqliteErrorCode == NotADatabase ? "it is not an SQLite database" : "SQLite found it corrupt", e);
        }
        catch (LeaseDatabaseVersionException)
        {
            _connection.Dispose();
            throw;
        }

        _release = Prepare("DELETE FROM leases WHERE address = $address", "$address");
        _insert = Prepare(
            "INSERT INTO leases (mac, client_id, address, expires, hostname) VALUES ($mac, $client_id, $address, $expires, $hostname)",
            "$mac",
            "$client_id",
            "$address",
            "$expires",
            "$hostname");

        // The client's own row: by identifier, or, for a client keyed by MAC, the row of that MAC without one.
        _delete = Prepare(
            "DELETE FROM leases WHERE ($client_id IS NOT NULL AND client_id = $client_id) OR ($client_id IS NULL AND client_id IS NULL AND mac = $mac)",
            "$client_id",
            "$mac");
        _writer = new GroupCommit<LeaseWrite>("pxekit lease writer", Apply);
    }

    public IReadOnlyList<Lease> LoadAll()
    {
        lock (_gate)
        {
            var leases = ReadLeases(_connection, _connection.DataSource, out int skipped);
            SkippedRows = skipped;
            return leases;
        }
    }

    /// <summary>Rows the last <see cref="LoadAll"/> could not read (an address that is not one, a wrong type): left out, and counted.</summary>
    public int SkippedRows { get; private set; }

    /// <summary>
    /// Every readable row of the leases table, by address then MAC; shared with the read-only audit, which reads a
    /// version 1 file as it is (<paramref name="path"/> names the file in an error).
    /// </summary>
    internal static List<Lease> ReadLeases(SqliteConnection connection, string path, out int skipped)
    {
        using var command = connection.CreateCommand();
        command.CommandText = LeaseSchema.SelectAll(LeaseSchema.VersionOf(connection, path));
        using var reader = command.ExecuteReader();
        var leases = new List<Lease>();
        skipped = 0;
        while (reader.Read())
        {
            if (reader.IsDBNull(0) || reader.IsDBNull(2) || reader.GetFieldType(3) != typeof(long) || reader.GetString(0).Length == 0
                || !IPAddress.TryParse(reader.GetString(2), out var address) || reader.GetInt64(3) is < -62135596800 or > 253402300799
                || (!reader.IsDBNull(1) && reader.GetFieldType(1) != typeof(string)))
            {
                skipped++;
                continue;
            }

            var mac = reader.GetString(0);
            leases.Add(new Lease(
                mac,
                address,
                DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4))
            {
                Client = reader.IsDBNull(1) ? ClientKey.ForMac(mac) : ClientKey.ForIdentifier(reader.GetString(1)),
            });
        }

        return leases;
    }

    public Task SaveAsync(Lease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return _writer.Enqueue(LeaseWrite.Save(lease));
    }

    public Task DeleteAsync(ClientKey client) => _writer.Enqueue(LeaseWrite.Delete(client));

    /// <summary>Commits what is queued, then closes the file.</summary>
    public void Dispose()
    {
        _writer.Dispose();
        _release.Dispose();
        _insert.Dispose();
        _delete.Dispose();
        _connection.Dispose();
    }

    /// <summary>One batch of writes, in order, in one transaction; returns once it is durable.</summary>
    private void Apply(IReadOnlyList<LeaseWrite> writes)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            _release.Transaction = _insert.Transaction = _delete.Transaction = transaction;
            foreach (var write in writes)
            {
                // The client's previous lease goes, then any other holder of the address; then the lease itself.
                _delete.Parameters["$client_id"].Value = (object?)write.Client.Identifier ?? DBNull.Value;
                _delete.Parameters["$mac"].Value = (object?)write.Client.Mac ?? DBNull.Value;
                _delete.ExecuteNonQuery();
                if (write.Saved is { } lease)
                {
                    var address = lease.Address.ToString();
                    _release.Parameters["$address"].Value = address;
                    _release.ExecuteNonQuery();
                    _insert.Parameters["$mac"].Value = lease.Mac;
                    _insert.Parameters["$client_id"].Value = (object?)lease.Client.Identifier ?? DBNull.Value;
                    _insert.Parameters["$address"].Value = address;
                    _insert.Parameters["$expires"].Value = lease.Expires.ToUnixTimeSeconds();
                    _insert.Parameters["$hostname"].Value = (object?)lease.HostName ?? DBNull.Value;
                    _insert.ExecuteNonQuery();
                }
            }

            transaction.Commit();
        }
    }

    /// <summary>Caps the database at <paramref name="pages"/> pages (<c>PRAGMA max_page_count</c>): for tests, a genuine SQLITE_FULL.</summary>
    internal void LimitPages(long pages)
    {
        lock (_gate)
        {
            Execute(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PRAGMA max_page_count={pages};"));
        }
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        return command;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
