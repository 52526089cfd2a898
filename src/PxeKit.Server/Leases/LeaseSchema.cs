using Microsoft.Data.Sqlite;

namespace PxeKit.Server.Leases;

/// <summary>
/// The lease database's schema, versioned by <c>PRAGMA user_version</c>, and the steps that bring an older file up to
/// date in place. Version 1 keyed a lease by MAC; version 2 keys it by the client identifier (option 61) when there is
/// one, by MAC otherwise, and keeps the MAC in every row.
/// </summary>
internal static class LeaseSchema
{
    public const int Version = 2;

    /// <summary>
    /// Version 2. <c>client_id</c> is option 61 in colon hex, NULL when the lease is keyed by <c>mac</c>: one lease per
    /// identifier, one per MAC among the leases without one, one holder per address.
    /// </summary>
    private const string CreateV2 = """
        CREATE TABLE leases (
            mac       TEXT,
            client_id TEXT,
            address   TEXT NOT NULL UNIQUE,
            expires   INTEGER NOT NULL,
            hostname  TEXT
        );
        CREATE UNIQUE INDEX leases_by_client_id ON leases (client_id) WHERE client_id IS NOT NULL;
        CREATE UNIQUE INDEX leases_by_mac ON leases (mac) WHERE client_id IS NULL;
        """;

    /// <summary>
    /// Brings the database up to <see cref="Version"/>: creates the table in a new file, or moves a version 1 table's
    /// rows, every one as it is (keyed by their MAC), into the version 2 table, in one transaction. Throws
    /// <see cref="LeaseDatabaseVersionException"/>, and changes nothing, for a version newer than this one.
    /// </summary>
    public static void Upgrade(SqliteConnection connection, string path)
    {
        long version = VersionOf(connection, path);
        if (version == Version)
        {
            return;
        }

        using var transaction = connection.BeginTransaction();
        if (version == 1)
        {
            // SQLite cannot change a table's primary key in place: a new table, the rows copied, then renamed.
            // Rows the server cannot read (a bad address, say) are copied too: nothing is lost by upgrading.
            Execute(connection, transaction, "ALTER TABLE leases RENAME TO leases_v1;");
            Execute(connection, transaction, CreateV2);
            Execute(connection, transaction, "INSERT INTO leases (mac, client_id, address, expires, hostname) SELECT mac, NULL, address, expires, hostname FROM leases_v1;");
            Execute(connection, transaction, "DROP TABLE leases_v1;");
        }
        else
        {
            Execute(connection, transaction, CreateV2);
        }

        Execute(connection, transaction, $"PRAGMA user_version={Version};");
        transaction.Commit();
    }

    /// <summary>
    /// The schema of the file: 0 for a new file, 1 or 2. A file from before versions were written (a leases table and
    /// user_version 0) is version 1. Throws <see cref="LeaseDatabaseVersionException"/> for one newer than this PxeKit.
    /// </summary>
    public static long VersionOf(SqliteConnection connection, string path)
    {
        long version = Scalar(connection, "PRAGMA user_version;");
        if (version > Version)
        {
            throw new LeaseDatabaseVersionException(path, version, Version);
        }

        return version == 0 && Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'leases';") > 0 ? 1 : version;
    }

    /// <summary>The query that reads every lease of a file of <paramref name="version"/>: mac, client_id, address, expires, hostname.</summary>
    public static string SelectAll(long version) => version >= 2
        ? "SELECT mac, client_id, address, expires, hostname FROM leases ORDER BY address, mac"
        : "SELECT mac, NULL, address, expires, hostname FROM leases ORDER BY address, mac";

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
