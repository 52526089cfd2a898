using System.Net;
using Npgsql;

namespace PxeKit.Server.Leases.Postgres;

/// <summary>
/// The leases of a PostgreSQL lease database read for <c>pxekit leases list|audit</c>: one connection, nothing written
/// (the schema is not migrated: a server does that), a database of a newer schema refused as a newer SQLite file is.
/// </summary>
public static class PostgresLeaseReader
{
    /// <summary>The schema version that first marks offer holds (<c>bound</c> false), which are not leases.</summary>
    private const int OfferHoldsVersion = 3;

    /// <summary>
    /// Every acknowledged lease. Throws <see cref="LeaseDatabaseUnreachableException"/> when the database cannot be reached
    /// or holds no PxeKit schema, <see cref="LeaseDatabaseVersionException"/> when its schema is newer than this PxeKit's.
    /// </summary>
    public static IReadOnlyList<Lease> ReadAll(PostgresLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        try
        {
            using var source = new NpgsqlSlimDataSourceBuilder(location.ConnectionString()).Build();
            using var connection = source.OpenConnection();
            int version = PostgresSchema.CurrentVersion(connection);
            if (version > PostgresSchema.Version)
            {
                throw new LeaseDatabaseVersionException(location.ToString(), version, PostgresSchema.Version);
            }

            var where = version >= OfferHoldsVersion ? "WHERE bound " : "";
            using var command = new NpgsqlCommand($"SELECT mac, client_id, host(address), expires, hostname FROM leases {where}ORDER BY address, mac", connection);
            using var reader = command.ExecuteReader();
            var leases = new List<Lease>();
            while (reader.Read())
            {
                var mac = reader.GetString(0);
                leases.Add(new Lease(mac, IPAddress.Parse(reader.GetString(2)), new DateTimeOffset(reader.GetFieldValue<DateTime>(3)), reader.IsDBNull(4) ? null : reader.GetString(4))
                {
                    Client = reader.IsDBNull(1) ? ClientKey.ForMac(mac) : ClientKey.ForIdentifier(reader.GetString(1)),
                });
            }

            return leases;
        }
        catch (NpgsqlException e)
        {
            // 42P01 (no schema_version table) lands here too: not a PxeKit lease database, or never served from.
            throw new LeaseDatabaseUnreachableException(location, e);
        }
    }
}
