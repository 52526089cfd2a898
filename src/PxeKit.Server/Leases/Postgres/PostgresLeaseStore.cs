using System.Net;
using Npgsql;
using NpgsqlTypes;

using static PxeKit.Server.Leases.Postgres.PostgresSql;

namespace PxeKit.Server.Leases.Postgres;

/// <summary>
/// Leases in a PostgreSQL database, with the promises of <see cref="SqliteLeaseStore"/>: writes applied in the order
/// they are asked for, group-committed (<see cref="GroupCommit{T}"/>: the writes that arrive during one commit go into
/// the next, sent as one batch), and a write's task completes only once its transaction is committed, with
/// <c>synchronous_commit=on</c>, so an ACK sent then survives the server process and the database server crashing.
/// A lease is keyed by its <see cref="ClientKey"/>; an address is held by one lease only. While the database is down
/// a write's task faults, at once when the server refuses connections, else within two tries of the connect and
/// command timeouts of <see cref="PostgresLocation"/> (30 s); once it is back, the next write reconnects. Several servers
/// may share the database: <see cref="ClaimAsync"/> decides in it which client has an address (docs/scale-out.md).
/// </summary>
public sealed class PostgresLeaseStore : ISharedLeaseStore
{
    private const string DeleteByIdentifier = "DELETE FROM leases WHERE client_id = $1";
    private const string DeleteByMac = "DELETE FROM leases WHERE client_id IS NULL AND mac = $1";
    private const string Release = "DELETE FROM leases WHERE address = $1::inet";
    private const string Insert = "INSERT INTO leases (mac, client_id, address, expires, hostname) VALUES ($1, $2, $3::inet, $4, $5)";
    private const string ClaimSql = "SELECT $1::integer, pxekit_claim($2, $3, $4::inet, $5, $6, $7)";
    private const string Columns = "mac, client_id, host(address), expires, hostname";

    /// <summary>SQLSTATE 40P01 and 40001: two servers' batches waited on each other; the one PostgreSQL rolled back is sent again.</summary>
    private const int DeadlockRetries = 5;

    private readonly PostgresDatabase _database;
    private readonly GroupCommit<PostgresWrite> _writer;

    /// <summary>
    /// The offers' holds, group-committed on a writer of their own without a flush of the WAL: a DISCOVER never waits
    /// behind the fsync of another client's lease. Its order against the leases does not matter: a client's REQUEST comes
    /// after its OFFER (so after its hold), and a hold binds nothing.
    /// </summary>
    private readonly GroupCommit<PostgresWrite> _holds;

    /// <summary>
    /// Connects to the database and brings its schema up to date. Throws <see cref="LeaseDatabaseUnreachableException"/>
    /// when it cannot be reached, <see cref="LeaseDatabaseVersionException"/> when its schema is newer than this PxeKit's.
    /// </summary>
    public PostgresLeaseStore(PostgresLocation location)
    {
        _database = PostgresDatabase.Open(location);
        _writer = new GroupCommit<PostgresWrite>("pxekit lease writer (postgresql)", Apply);
        _holds = new GroupCommit<PostgresWrite>("pxekit offer holds (postgresql)", Apply);
    }

    /// <summary>Every acknowledged lease (offer holds are not leases), written by any server.</summary>
    public IReadOnlyList<Lease> LoadAll() =>
        QueryAsync($"SELECT {Columns} FROM leases WHERE bound ORDER BY address, mac").GetAwaiter().GetResult();

    public async Task<Lease?> FindAsync(ClientKey client) => (client.Identifier is { } identifier
        ? await QueryAsync($"SELECT {Columns} FROM leases WHERE bound AND client_id = $1", Text(identifier)).ConfigureAwait(false)
        : await QueryAsync($"SELECT {Columns} FROM leases WHERE bound AND client_id IS NULL AND mac = $1", Text(client.Mac)).ConfigureAwait(false)).FirstOrDefault();

    public async Task<Lease?> HolderOfAsync(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var holders = await QueryAsync($"SELECT {Columns} FROM leases WHERE address = $1::inet AND expires >= now()", Text(address.ToString())).ConfigureAwait(false);
        return holders.FirstOrDefault();
    }

    public async Task<bool> ClaimAsync(Lease lease, bool bound)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var claim = new LeaseClaim(lease, bound);

        // A lease queued in order with the other writes, a hold with the other holds: the claims of the requests in flight
        // meanwhile go in the same batch.
        await (bound ? _writer : _holds).Enqueue(new PostgresWrite(null, claim)).ConfigureAwait(false);
        return claim.Won;
    }

    public Task SaveAsync(Lease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return _writer.Enqueue(new PostgresWrite(LeaseWrite.Save(lease), null));
    }

    public Task DeleteAsync(ClientKey client) => _writer.Enqueue(new PostgresWrite(LeaseWrite.Delete(client), null));

    /// <summary>Commits what is queued, then closes the connections.</summary>
    public void Dispose()
    {
        _holds.Dispose();
        _writer.Dispose();
        _database.Dispose();
    }

    /// <summary>
    /// One batch of writes, in order, in one transaction sent as one round trip; returns once it is committed. Done
    /// twice when the connection was lost, which leaves what doing it once does: each write sets its client's lease
    /// and frees its address, so the same writes in the same order end in the same rows; a claim decides again. A
    /// batch that PostgreSQL rolled back as one side of a deadlock with another server's is sent again, a few times.
    /// </summary>
    private void Apply(IReadOnlyList<PostgresWrite> writes)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                _database.Run(connection => ApplyOnce(connection, writes));
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < DeadlockRetries)
            {
            }
        }
    }

    private static int ApplyOnce(NpgsqlConnection connection, IReadOnlyList<PostgresWrite> writes)
    {
        using var transaction = connection.BeginTransaction();
        using var batch = new NpgsqlBatch(connection, transaction);
        if (writes.All(w => w.Claim is { Bound: false }))
        {
            // Offer holds only: visible to every server once committed, but not worth a flush of the WAL; one lost in a
            // crash of the database binds nothing (the REQUEST's claim decides), and the DISCOVER does not wait for a disk.
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"));
        }

        for (int index = 0; index < writes.Count; index++)
        {
            if (writes[index].Claim is { } claim)
            {
                var lease = claim.Lease;
                batch.BatchCommands.Add(Command(
                    ClaimSql,
                    new NpgsqlParameter<int> { TypedValue = index },
                    Text(lease.Mac),
                    Text(lease.Client.Identifier),
                    Text(lease.Address.ToString()),
                    Time(lease.Expires),
                    Text(lease.HostName),
                    new NpgsqlParameter<bool> { TypedValue = claim.Bound }));
                continue;
            }

            var write = writes[index].Write!.Value;

            // The client's previous lease goes, then any other holder of the address; then the lease itself.
            batch.BatchCommands.Add(write.Client.Identifier is { } identifier
                ? Command(DeleteByIdentifier, Text(identifier))
                : Command(DeleteByMac, Text(write.Client.Mac)));
            if (write.Saved is { } saved)
            {
                var address = saved.Address.ToString();
                batch.BatchCommands.Add(Command(Release, Text(address)));
                batch.BatchCommands.Add(Command(Insert, Text(saved.Mac), Text(saved.Client.Identifier), Text(address), Time(saved.Expires), Text(saved.HostName)));
            }
        }

        using (var reader = batch.ExecuteReader())
        {
            // Only the claims return rows: (the write's index, whether it won).
            do
            {
                while (reader.Read())
                {
                    writes[reader.GetInt32(0)].Claim!.Won = reader.GetBoolean(1);
                }
            }
            while (reader.NextResult());
        }

        transaction.Commit();
        return 0;
    }

    private Task<List<Lease>> QueryAsync(string sql, params NpgsqlParameter[] parameters) => _database.RunAsync(async connection =>
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var leases = new List<Lease>();
        while (await reader.ReadAsync().ConfigureAwait(false))
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

    private static NpgsqlParameter<DateTime> Time(DateTimeOffset value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = value.UtcDateTime };
}
