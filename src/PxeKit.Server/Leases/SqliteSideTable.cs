using Microsoft.Data.Sqlite;

namespace PxeKit.Server.Leases;

/// <summary>
/// A connection of its own to the lease database file for a table kept beside the leases (boot-once marks, the
/// operator's per-machine settings): write-ahead logged and synchronous as the lease store is, its table created if the
/// file has none yet.
/// </summary>
internal static class SqliteSideTable
{
    /// <summary>Opens <paramref name="path"/> and runs <paramref name="createTable"/> (a <c>CREATE TABLE IF NOT EXISTS</c>).</summary>
    public static SqliteConnection Open(string path, string createTable)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\n" + createTable;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
