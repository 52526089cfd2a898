using Npgsql;

namespace PxeKit.Server.Leases.Postgres;

/// <summary>
/// The PostgreSQL lease database's schema: numbered migrations, each applied once, recorded in <c>schema_version</c>
/// (one row per migration applied). At start every migration the database lacks is applied in one transaction,
/// under an advisory lock so two servers starting at once do not both apply it.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The advisory lock that serializes migrations ("pxekit" in ASCII).</summary>
    private const long MigrationLock = 0x7078656b6974;

    /// <summary>
    /// Migration N brings the database to version N. Version 1: leases keyed as SQLite's version 2 keys them
    /// (<c>client_id</c>, option 61 in colon hex, when the client sent one, else <c>mac</c>; one holder per address),
    /// and the boot-once marks. Version 2: the operator's per-machine settings (a reserved address, boot-local), set
    /// through the management API.
    /// </summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE leases (
            mac       text NOT NULL,
            client_id text,
            address   inet NOT NULL UNIQUE,
            expires   timestamptz NOT NULL,
            hostname  text
        );
        CREATE UNIQUE INDEX leases_by_client_id ON leases (client_id) WHERE client_id IS NOT NULL;
        CREATE UNIQUE INDEX leases_by_mac ON leases (mac) WHERE client_id IS NULL;
        CREATE TABLE boot_once (
            mac      text NOT NULL,
            profile  text NOT NULL,
            used_at  timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (mac, profile)
        );
        """,
        """
        CREATE TABLE machine_overrides (
            mac         text PRIMARY KEY,
            address     inet,
            hostname    text,
            boot_local  boolean NOT NULL,
            set_at      timestamptz NOT NULL DEFAULT now()
        );
        """,
    ];

    /// <summary>The version this PxeKit writes.</summary>
    public static int Version => Migrations.Length;

    /// <summary>
    /// Applies the migrations the database lacks, all in one transaction. Throws <see cref="LeaseDatabaseVersionException"/>,
    /// and changes nothing, when the database is of a version newer than <see cref="Version"/>.
    /// </summary>
    public static void Migrate(NpgsqlConnection connection, PostgresLocation location)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, $"SELECT pg_advisory_xact_lock({MigrationLock})");
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version     integer PRIMARY KEY,
                applied_at  timestamptz NOT NULL DEFAULT now()
            )
            """);
        int found = CurrentVersion(connection);
        if (found > Version)
        {
            throw new LeaseDatabaseVersionException(location.ToString(), found, Version);
        }

        for (int version = found + 1; version <= Version; version++)
        {
            Execute(connection, Migrations[version - 1]);
            using var record = new NpgsqlCommand("INSERT INTO schema_version (version) VALUES ($1)", connection);
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version });
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>The highest migration applied: 0 for a new database.</summary>
    public static int CurrentVersion(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", connection);
        return (int)command.ExecuteScalar()!;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
