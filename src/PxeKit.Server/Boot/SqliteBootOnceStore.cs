using Microsoft.Data.Sqlite;
using PxeKit.Server.Leases;

namespace PxeKit.Server.Boot;

/// <summary>
/// Boot-once marks in the lease database (table <c>boot_once</c>), so a machine that used its
/// one-time profile does not get it again after the server restarts.
/// </summary>
public sealed class SqliteBootOnceStore : IBootOnceStore, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    public SqliteBootOnceStore(string path)
    {
        _connection = SqliteSideTable.Open(path, """
            CREATE TABLE IF NOT EXISTS boot_once (
                mac      TEXT NOT NULL,
                profile  TEXT NOT NULL,
                used_at  INTEGER NOT NULL,
                PRIMARY KEY (mac, profile)
            );
            """);
    }

    public bool IsUsed(string mac, string profile) =>
        Run("SELECT 1 FROM boot_once WHERE mac = $mac AND profile = $profile", mac, profile) is not null;

    public void MarkUsed(string mac, string profile) =>
        Run("INSERT OR IGNORE INTO boot_once (mac, profile, used_at) VALUES ($mac, $profile, unixepoch())", mac, profile);

    public void Forget(string mac, string profile) =>
        Run("DELETE FROM boot_once WHERE mac = $mac AND profile = $profile", mac, profile);

    /// <summary>One statement about one machine's mark, on the store's one connection; its first value, if any.</summary>
    private object? Run(string sql, string mac, string profile)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$mac", mac);
            command.Parameters.AddWithValue("$profile", profile);
            return command.ExecuteScalar();
        }
    }

    public void Dispose() => _connection.Dispose();
}
