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
    private const int SchemaVersion = 1;

    /// <summary>SQLite's result codes for a file that is not a database, and for one it found corrupt.</summary>
    private const int NotADatabase = 26;
    private const int Corrupt = 11;
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private readonly SqliteCommand _release;
    private readonly SqliteCommand _upsert;
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
            Execute("PRAGMA journal_mode=WAL;");
            Execute("PRAGMA synchronous=FULL;");
            Execute("""
                CREATE TABLE IF NOT EXISTS leases (
                    mac       TEXT PRIMARY KEY,
                    address   TEXT NOT NULL UNIQUE,
                    expires   INTEGER NOT NULL,
                    hostname  TEXT
                );
                """);
            Execute($"PRAGMA user_version={SchemaVersion};");
        }
        catch (SqliteException e) when (e.SqliteErrorCode is NotADatabase or Corrupt)
        {
            _connection.Dispose();
            throw new LeaseDatabaseDamagedException(path, e.SqliteErrorCode == NotADatabase ? "it is not an SQLite database" : "SQLite found it corrupt", e);
        }

        _release = Prepare("DELETE FROM leases WHERE address = $address AND mac <> $mac", "$address", "$mac");
        _upsert = Prepare(
            """
            INSERT INTO leases (mac, address, expires, hostname) VALUES ($mac, $address, $expires, $hostname)
            ON CONFLICT(mac) DO UPDATE SET address = excluded.address, expires = excluded.expires, hostname = excluded.hostname
            """,
            "$mac",
            "$address",
            "$expires",
            "$hostname");
        _delete = Prepare("DELETE FROM leases WHERE mac = $mac", "$mac");
        _writer = new GroupCommit<LeaseWrite>("pxekit lease writer", Apply);
    }

    public IReadOnlyList<Lease> LoadAll()
    {
        lock (_gate)
        {
            var leases = ReadLeases(_connection, out int skipped);
            SkippedRows = skipped;
            return leases;
        }
    }

    /// <summary>Rows the last <see cref="LoadAll"/> could not read (an address that is not one, a wrong type): left out, and counted.</summary>
    public int SkippedRows { get; private set; }

    /// <summary>Every readable row of the leases table, by address then MAC; shared with the read-only audit.</summary>
    internal static List<Lease> ReadLeases(SqliteConnection connection, out int skipped)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT mac, address, expires, hostname FROM leases ORDER BY address, mac";
        using var reader = command.ExecuteReader();
        var leases = new List<Lease>();
        skipped = 0;
        while (reader.Read())
        {
            if (reader.IsDBNull(0) || reader.IsDBNull(1) || reader.GetFieldType(2) != typeof(long)
                || !IPAddress.TryParse(reader.GetString(1), out var address) || reader.GetInt64(2) is < -62135596800 or > 253402300799)
            {
                skipped++;
                continue;
            }

            leases.Add(new Lease(
                reader.GetString(0),
                address,
                DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return leases;
    }

    public Task SaveAsync(Lease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return _writer.Enqueue(LeaseWrite.Save(lease));
    }

    public Task DeleteAsync(string mac) => _writer.Enqueue(LeaseWrite.Delete(mac));

    /// <summary>Commits what is queued, then closes the file.</summary>
    public void Dispose()
    {
        _writer.Dispose();
        _release.Dispose();
        _upsert.Dispose();
        _delete.Dispose();
        _connection.Dispose();
    }

    /// <summary>One batch of writes, in order, in one transaction; returns once it is durable.</summary>
    private void Apply(IReadOnlyList<LeaseWrite> writes)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            _release.Transaction = _upsert.Transaction = _delete.Transaction = transaction;
            foreach (var write in writes)
            {
                if (write.Saved is { } lease)
                {
                    var address = lease.Address.ToString();
                    _release.Parameters["$address"].Value = address;
                    _release.Parameters["$mac"].Value = lease.Mac;
                    _release.ExecuteNonQuery();
                    _upsert.Parameters["$mac"].Value = lease.Mac;
                    _upsert.Parameters["$address"].Value = address;
                    _upsert.Parameters["$expires"].Value = lease.Expires.ToUnixTimeSeconds();
                    _upsert.Parameters["$hostname"].Value = (object?)lease.HostName ?? DBNull.Value;
                    _upsert.ExecuteNonQuery();
                }
                else
                {
                    _delete.Parameters["$mac"].Value = write.Mac;
                    _delete.ExecuteNonQuery();
                }
            }

            transaction.Commit();
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
