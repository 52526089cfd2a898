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
    /// through the management API. Version 3: several servers on one database (issue 17): a row is an acknowledged lease
    /// (<c>bound</c>) or an offer's short hold, and <c>pxekit_claim</c> gives an address to a client only when no other
    /// client's row of it is current, deciding in the database which of two servers' clients has it. It waits at most
    /// 50 ms for a row another server's transaction is writing, and loses then. Version 4: the servers sharing the database
    /// (<c>servers</c>): each writes its heartbeat (<c>seen</c>) and the ranges it serves, so they split the answering of
    /// new clients among those alive (<see cref="PostgresPeers"/>).
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
        """
        ALTER TABLE leases ADD COLUMN bound boolean NOT NULL DEFAULT true;
        CREATE FUNCTION pxekit_claim(p_mac text, p_client_id text, p_address inet, p_expires timestamptz, p_hostname text, p_bound boolean)
        RETURNS boolean LANGUAGE plpgsql SET lock_timeout = '50ms' AS $claim$
        DECLARE
            won inet;
        BEGIN
            -- An offer never demotes the client's acknowledged lease (it may be asking again while it holds it): the
            -- lease stands, and only the REQUEST's claim moves it. An offer of another address is then not held.
            IF NOT p_bound AND EXISTS (
                SELECT 1 FROM leases
                WHERE bound AND ((p_client_id IS NOT NULL AND client_id = p_client_id)
                              OR (p_client_id IS NULL AND client_id IS NULL AND mac = p_mac))) THEN
                RETURN NOT EXISTS (
                    SELECT 1 FROM leases
                    WHERE address = p_address AND expires >= now()
                      AND NOT ((p_client_id IS NOT NULL AND client_id = p_client_id)
                            OR (p_client_id IS NULL AND client_id IS NULL AND mac = p_mac)));
            END IF;
            -- A block with an exception handler is a subtransaction: a lost claim leaves the client's previous row.
            BEGIN
                DELETE FROM leases
                WHERE (p_client_id IS NOT NULL AND client_id = p_client_id)
                   OR (p_client_id IS NULL AND client_id IS NULL AND mac = p_mac);
                INSERT INTO leases AS held (mac, client_id, address, expires, hostname, bound)
                VALUES (p_mac, p_client_id, p_address, p_expires, p_hostname, p_bound)
                ON CONFLICT (address) DO UPDATE
                    SET mac = EXCLUDED.mac, client_id = EXCLUDED.client_id, expires = EXCLUDED.expires,
                        hostname = EXCLUDED.hostname, bound = EXCLUDED.bound
                    WHERE held.expires < now()
                       OR (p_client_id IS NOT NULL AND held.client_id = p_client_id)
                       OR (p_client_id IS NULL AND held.client_id IS NULL AND held.mac = p_mac)
                RETURNING address INTO won;
                IF won IS NULL THEN
                    RAISE EXCEPTION 'claim lost' USING ERRCODE = 'P0001';
                END IF;
                RETURN true;
            EXCEPTION WHEN unique_violation OR raise_exception OR lock_not_available THEN
                -- Another client's current row holds the address, another server's claim for this client committed first,
                -- or another server's transaction has held the row longer than lock_timeout: lost, without waiting, so
                -- two servers' batches never wait on each other for long (nor deadlock).
                RETURN false;
            END;
        END
        $claim$;
        """,
        """
        CREATE TABLE servers (
            id       text PRIMARY KEY,
            scopes   text NOT NULL,
            started  timestamptz NOT NULL DEFAULT now(),
            seen     timestamptz NOT NULL DEFAULT now()
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
