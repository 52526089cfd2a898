using Npgsql;
using PxeKit.Server.Boot;

using static PxeKit.Server.Leases.Postgres.PostgresSql;

namespace PxeKit.Server.Leases.Postgres;

/// <summary>
/// Boot-once marks in the PostgreSQL lease database (table <c>boot_once</c>), as <see cref="SqliteBootOnceStore"/>
/// keeps them in the SQLite file: a machine that used its one-time profile does not get it again, from this server
/// after a restart or from another server on the same database.
/// </summary>
public sealed class PostgresBootOnceStore : IBootOnceStore, IDisposable
{
    private readonly PostgresDatabase _database;

    /// <summary>Connects and brings the schema up to date; throws as <see cref="PostgresLeaseStore"/>'s constructor does.</summary>
    public PostgresBootOnceStore(PostgresLocation location) => _database = PostgresDatabase.Open(location);

    public bool IsUsed(string mac, string profile) => _database.Run(connection =>
    {
        using var command = new NpgsqlCommand("SELECT 1 FROM boot_once WHERE mac = $1 AND profile = $2", connection);
        command.Parameters.Add(Text(mac));
        command.Parameters.Add(Text(profile));
        return command.ExecuteScalar() is not null;
    });

    /// <summary>Marks the profile used; returns once the mark is committed (done twice after a lost connection, it is still one mark).</summary>
    public void MarkUsed(string mac, string profile) => _database.Run(connection =>
    {
        using var command = new NpgsqlCommand("INSERT INTO boot_once (mac, profile) VALUES ($1, $2) ON CONFLICT DO NOTHING", connection);
        command.Parameters.Add(Text(mac));
        command.Parameters.Add(Text(profile));
        return command.ExecuteNonQuery();
    });

    /// <summary>Takes the mark away; returns once that is committed.</summary>
    public void Forget(string mac, string profile) => _database.Run(connection =>
    {
        using var command = new NpgsqlCommand("DELETE FROM boot_once WHERE mac = $1 AND profile = $2", connection);
        command.Parameters.Add(Text(mac));
        command.Parameters.Add(Text(profile));
        return command.ExecuteNonQuery();
    });

    public void Dispose() => _database.Dispose();
}
