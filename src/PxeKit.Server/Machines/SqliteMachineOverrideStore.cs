using System.Net;
using Microsoft.Data.Sqlite;
using PxeKit.Server.Leases;

namespace PxeKit.Server.Machines;

/// <summary>
/// Per-machine settings in the lease database file (table <c>machine_overrides</c>, beside <c>boot_once</c>), so they
/// survive a restart of the server.
/// </summary>
public sealed class SqliteMachineOverrideStore : IMachineOverrideStore, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    public SqliteMachineOverrideStore(string path)
    {
        _connection = SqliteSideTable.Open(path, """
            CREATE TABLE IF NOT EXISTS machine_overrides (
                mac         TEXT NOT NULL PRIMARY KEY,
                address     TEXT,
                hostname    TEXT,
                boot_local  INTEGER NOT NULL,
                set_at      INTEGER NOT NULL
            );
            """);
    }

    public IReadOnlyList<MachineOverride> LoadAll()
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT mac, address, hostname, boot_local FROM machine_overrides ORDER BY mac";
            return Read(command);
        }
    }

    public MachineOverride? Find(string mac)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT mac, address, hostname, boot_local FROM machine_overrides WHERE mac = $mac";
            command.Parameters.AddWithValue("$mac", mac);
            return Read(command).FirstOrDefault();
        }
    }

    public void Save(MachineOverride machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                INSERT INTO machine_overrides (mac, address, hostname, boot_local, set_at)
                VALUES ($mac, $address, $hostname, $local, unixepoch())
                ON CONFLICT (mac) DO UPDATE SET address = excluded.address, hostname = excluded.hostname,
                    boot_local = excluded.boot_local, set_at = excluded.set_at
                """;
            command.Parameters.AddWithValue("$mac", machine.Mac);
            command.Parameters.AddWithValue("$address", (object?)machine.Address?.ToString() ?? DBNull.Value);
            command.Parameters.AddWithValue("$hostname", (object?)machine.HostName ?? DBNull.Value);
            command.Parameters.AddWithValue("$local", machine.BootLocal ? 1 : 0);
            command.ExecuteNonQuery();
        }
    }

    public void Delete(string mac)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "DELETE FROM machine_overrides WHERE mac = $mac";
            command.Parameters.AddWithValue("$mac", mac);
            command.ExecuteNonQuery();
        }
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>The rows read; one whose address cannot be read keeps its boot-local setting without the address.</summary>
    private static List<MachineOverride> Read(SqliteCommand command)
    {
        var machines = new List<MachineOverride>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var address = reader.IsDBNull(1) || !IPAddress.TryParse(reader.GetString(1), out var parsed) ? null : parsed;
            machines.Add(new MachineOverride(reader.GetString(0), address, reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3) != 0));
        }

        return machines;
    }
}
