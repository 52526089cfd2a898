using System.Net;
using Npgsql;
using NpgsqlTypes;
using PxeKit.Server.Machines;

using static PxeKit.Server.Leases.Postgres.PostgresSql;

namespace PxeKit.Server.Leases.Postgres;

/// <summary>
/// Per-machine settings in the PostgreSQL lease database (table <c>machine_overrides</c>, migration 2), as
/// <see cref="SqliteMachineOverrideStore"/> keeps them in the SQLite file: they survive a restart, and every server on
/// the database reads the same ones when it starts.
/// </summary>
public sealed class PostgresMachineOverrideStore : IMachineOverrideStore, IDisposable
{
    private const string Columns = "mac, host(address), hostname, boot_local";

    private readonly PostgresDatabase _database;

    /// <summary>Connects and brings the schema up to date; throws as <see cref="PostgresLeaseStore"/>'s constructor does.</summary>
    public PostgresMachineOverrideStore(PostgresLocation location) => _database = PostgresDatabase.Open(location);

    public IReadOnlyList<MachineOverride> LoadAll() => _database.Run(connection =>
    {
        using var command = new NpgsqlCommand($"SELECT {Columns} FROM machine_overrides ORDER BY mac", connection);
        return Read(command);
    });

    public MachineOverride? Find(string mac) => _database.Run(connection =>
    {
        using var command = new NpgsqlCommand($"SELECT {Columns} FROM machine_overrides WHERE mac = $1", connection);
        command.Parameters.Add(Text(mac));
        return Read(command).FirstOrDefault();
    });

    /// <summary>Stores the machine's settings over its old ones; returns once committed (done twice, still one row).</summary>
    public void Save(MachineOverride machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        _database.Run(connection =>
        {
            using var command = new NpgsqlCommand("""
                INSERT INTO machine_overrides (mac, address, hostname, boot_local) VALUES ($1, $2::inet, $3, $4)
                ON CONFLICT (mac) DO UPDATE SET address = excluded.address, hostname = excluded.hostname,
                    boot_local = excluded.boot_local, set_at = now()
                """, connection);
            command.Parameters.Add(Text(machine.Mac));
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)machine.Address?.ToString() ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)machine.HostName ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = machine.BootLocal });
            return command.ExecuteNonQuery();
        });
    }

    public void Delete(string mac) => _database.Run(connection =>
    {
        using var command = new NpgsqlCommand("DELETE FROM machine_overrides WHERE mac = $1", connection);
        command.Parameters.Add(Text(mac));
        return command.ExecuteNonQuery();
    });

    public void Dispose() => _database.Dispose();

    private static List<MachineOverride> Read(NpgsqlCommand command)
    {
        var machines = new List<MachineOverride>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var address = reader.IsDBNull(1) ? null : IPAddress.Parse(reader.GetString(1));
            machines.Add(new MachineOverride(reader.GetString(0), address, reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(3)));
        }

        return machines;
    }
}
