using System.Net;
using Microsoft.Data.Sqlite;

namespace PxeKit.Server.Leases;

/// <summary>
/// Leases in an SQLite file. Every <see cref="Save"/> is its own transaction committed with
/// <c>synchronous=FULL</c> before the ACK leaves, so a SIGKILL right after the ACK loses nothing.
/// </summary>
public sealed class SqliteLeaseStore : ILeaseStore
{
    private const int SchemaVersion = 1;
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    public SqliteLeaseStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
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

    public IReadOnlyList<Lease> LoadAll()
    {
        lock (_gate)
        {
            return ReadLeases(_connection);
        }
    }

    /// <summary>Every row of the leases table, by address then MAC; shared with the read-only audit.</summary>
    internal static List<Lease> ReadLeases(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT mac, address, expires, hostname FROM leases ORDER BY address, mac";
        using var reader = command.ExecuteReader();
        var leases = new List<Lease>();
        while (reader.Read())
        {
            leases.Add(new Lease(
                reader.GetString(0),
                IPAddress.Parse(reader.GetString(1)),
                DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return leases;
    }

    public void Save(Lease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using (var release = _connection.CreateCommand())
            {
                release.Transaction = transaction;
                release.CommandText = "DELETE FROM leases WHERE address = $address AND mac <> $mac";
                release.Parameters.AddWithValue("$address", lease.Address.ToString());
                release.Parameters.AddWithValue("$mac", lease.Mac);
                release.ExecuteNonQuery();
            }

            using (var upsert = _connection.CreateCommand())
            {
                upsert.Transaction = transaction;
                upsert.CommandText = """
                    INSERT INTO leases (mac, address, expires, hostname) VALUES ($mac, $address, $expires, $hostname)
                    ON CONFLICT(mac) DO UPDATE SET address = excluded.address, expires = excluded.expires, hostname = excluded.hostname
                    """;
                upsert.Parameters.AddWithValue("$mac", lease.Mac);
                upsert.Parameters.AddWithValue("$address", lease.Address.ToString());
                upsert.Parameters.AddWithValue("$expires", lease.Expires.ToUnixTimeSeconds());
                upsert.Parameters.AddWithValue("$hostname", (object?)lease.HostName ?? DBNull.Value);
                upsert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    public void Delete(string mac)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "DELETE FROM leases WHERE mac = $mac";
            command.Parameters.AddWithValue("$mac", mac);
            command.ExecuteNonQuery();
        }
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
