using System.Net;
using Npgsql;
using NpgsqlTypes;

namespace PxeKit.Server.Leases.Postgres;

/// <summary>
/// Leases in a PostgreSQL database, with the promises of <see cref="SqliteLeaseStore"/>: writes applied in the order
/// they are asked for, group-committed (<see cref="GroupCommit{T}"/>: the writes that arrive during one commit go into
/// the next, sent as one batch), and a write's task completes only once its transaction is committed, with
/// <c>synchronous_commit=on</c>, so an ACK sent then survives the server process and the database server crashing.
/// A lease is keyed by its <see cref="ClientKey"/>; an address is held by one lease only. While the database is down
/// a write's task faults, at once when the server refuses connections, else within two tries of the connect and
/// command timeouts of <see cref="PostgresLocation"/> (30 s); once it is back, the next write reconnects.
/// </summary>
public sealed class PostgresLeaseStore : ILeaseStore
{
    private const string DeleteByIdentifier = "DELETE FROM leases WHERE client_id = $1";
    private const string DeleteByMac = "DELETE FROM leases WHERE client_id IS NULL AND mac = $1";
    private const string Release = "DELETE FROM leases WHERE address = $1::inet";
    private const string Insert = "INSERT INTO leases (mac, client_id, address, expires, hostname) VALUES ($1, $2, $3::inet, $4, $5)";

    private readonly PostgresDatabase _database;
    private readonly GroupCommit<LeaseWrite> _writer;

    /// <summary>
    /// Connects to the database and brings its schema up to date. Throws <see cref="LeaseDatabaseUnreachableException"/>
    /// when it cannot be reached, <see cref="LeaseDatabaseVersionException"/> when its schema is newer than this PxeKit's.
    /// </summary>
    public PostgresLeaseStore(PostgresLocation location)
    {
        _database = PostgresDatabase.Open(location);
        _writer = new GroupCommit<LeaseWrite>("pxekit lease writer (postgresql)", Apply);
    }

    public IReadOnlyList<Lease> LoadAll() => _database.Run(connection =>
    {
        using var command = new NpgsqlCommand("SELECT mac, client_id, host(address), expires, hostname FROM leases ORDER BY address, mac", connection);
        using var reader = command.ExecuteReader();
        var leases = new List<Lease>();
        while (reader.Read())
        {
            var mac = reader.GetString(0);
            leases.Add(new Lease(
                mac,
                IPAddress.Parse(reader.GetString(2)),
                new DateTimeOffset(reader.GetFieldValue<DateTime>(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4))
            {
                Client = reader.IsDBNull(1) ? ClientKey.ForMac(mac) : ClientKey.ForIdentifier(reader.GetString(1)),
            });
        }

        return leases;
    });

    public Task SaveAsync(Lease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return _writer.Enqueue(LeaseWrite.Save(lease));
    }

    public Task DeleteAsync(ClientKey client) => _writer.Enqueue(LeaseWrite.Delete(client));

    /// <summary>Commits what is queued, then closes the connections.</summary>
    public void Dispose()
    {
        _writer.Dispose();
        _database.Dispose();
    }

    /// <summary>
    /// One batch of writes, in order, in one transaction sent as one round trip; returns once it is committed. Done
    /// twice when the connection was lost, which leaves what doing it once does: each write sets its client's lease
    /// and frees its address, so the same writes in the same order end in the same rows.
    /// </summary>
    private void Apply(IReadOnlyList<LeaseWrite> writes) => _database.Run(connection =>
    {
        using var transaction = connection.BeginTransaction();
        using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var write in writes)
        {
            // The client's previous lease goes, then any other holder of the address; then the lease itself.
            batch.BatchCommands.Add(write.Client.Identifier is { } identifier
                ? Command(DeleteByIdentifier, Text(identifier))
                : Command(DeleteByMac, Text(write.Client.Mac)));
            if (write.Saved is { } lease)
            {
                var address = lease.Address.ToString();
                batch.BatchCommands.Add(Command(Release, Text(address)));
                batch.BatchCommands.Add(Command(
                    Insert,
                    Text(lease.Mac),
                    Text(lease.Client.Identifier),
                    Text(address),
                    new NpgsqlParameter<DateTime> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = lease.Expires.UtcDateTime },
                    Text(lease.HostName)));
            }
        }

        batch.ExecuteNonQuery();
        transaction.Commit();
        return 0;
    });

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };
}
