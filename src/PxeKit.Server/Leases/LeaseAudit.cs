using Microsoft.Data.Sqlite;

namespace PxeKit.Server.Leases;

/// <summary>
/// Checks a lease store: no address may be held by two clients, and every lease a capture saw
/// acknowledged must still be there, unless a later ACK gave the address or the client another
/// one, or the client released it. Clients are told apart as the server keys leases (<see cref="ClientKey"/>):
/// by option 61 when the messages carry it, else by MAC. The capture itself must not show an address ACKed to a client
/// while another client's ACK of it has time left (several servers on one database answer the same clients).
/// </summary>
public static class LeaseAudit
{
    public static LeaseAuditReport Run(IReadOnlyList<Lease> leases, IReadOnlyList<AckedLease> capture)
    {
        ArgumentNullException.ThrowIfNull(leases);
        ArgumentNullException.ThrowIfNull(capture);
        var duplicates = leases
            .GroupBy(l => l.Address)
            .Where(g => g.Select(l => l.Client).Distinct().Count() > 1)
            .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(l => l.Client.ToString()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]))
            .ToList();
        var clientsHoldingTwo = leases.GroupBy(l => l.Client).Where(g => g.Count() > 1);
        foreach (var group in clientsHoldingTwo)
        {
            // A client with two leases is the other face of the same fault.
            duplicates.Add((group.First().Address, [group.Key.ToString()]));
        }

        // Replay the capture in time order: what each client should hold at the end.
        var expected = new Dictionary<ClientKey, AckedLease>();
        int acks = 0;
        foreach (var seen in capture.OrderBy(a => a.Seen))
        {
            if (seen.Released)
            {
                if (expected.TryGetValue(seen.Client, out var held) && held.Address.Equals(seen.Address))
                {
                    expected.Remove(seen.Client);
                }

                continue;
            }

            acks++;
            foreach (var other in expected.Where(e => e.Key != seen.Client && e.Value.Address.Equals(seen.Address)).Select(e => e.Key).ToList())
            {
                if (expected[other] is { LeaseTime: { } time } earlier && earlier.Seen + time > seen.Seen)
                {
                    // Given to two clients at once: the wire shows it even when the store keeps only the later one.
                    duplicates.Add((seen.Address, [.. new[] { other.ToString(), seen.Client.ToString() }.Order(StringComparer.Ordinal)]));
                }

                expected.Remove(other);
            }

            expected[seen.Client] = seen;
        }

        var stored = leases.ToLookup(l => l.Client);
        var missing = expected.Values
            .Where(ack => !stored[ack.Client].Any(l => l.Address.Equals(ack.Address)))
            .OrderBy(ack => ack.Seen)
            .ToList();
        return new LeaseAuditReport(leases.Count, acks, duplicates, missing);
    }

    /// <summary>
    /// The leases in the SQLite file at <paramref name="path"/>, opened read-only (a running server may hold it), or in the
    /// PostgreSQL database it names (<c>postgresql://USER@HOST:PORT/DB</c>), read without writing.
    /// </summary>
    public static IReadOnlyList<Lease> LoadStore(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Postgres.PostgresLocation.IsUrl(path))
        {
            return Postgres.PostgresLeaseReader.ReadAll(Postgres.PostgresLocation.Parse(path));
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"the lease database {path} does not exist", path);
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        var leases = SqliteLeaseStore.ReadLeases(connection, path, out int skipped);
        return skipped == 0
            ? leases
            : throw new InvalidDataException($"the lease database {path} has {skipped} rows that cannot be read (an address that is not one, or a wrong type); the audit cannot vouch for it");
    }
}
