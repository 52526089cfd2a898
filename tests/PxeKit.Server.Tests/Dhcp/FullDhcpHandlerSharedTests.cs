using System.Net;
using Microsoft.Extensions.Time.Testing;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Dhcp;
using PxeKit.Server.Leases.Postgres;
using PxeKit.Server.Tests.Leases.Postgres;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.Dhcp;

/// <summary>
/// The full DHCP handler on a shared PostgreSQL store (issue 17): the pool's lock is not held while a claim is on its way,
/// so the DISCOVERs and REQUESTs of many clients are in flight together and their claims share transactions. A real
/// PostgreSQL the test starts, with a test-only trigger that records the transaction of each row a claim writes and makes
/// each row cost a few milliseconds, so that claims made one at a time (the pool's lock held across the round trip) give
/// a transaction per claim.
/// </summary>
public sealed class FullDhcpHandlerSharedTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private const int Clients = 100;

    /// <summary>Records the top-level transaction of each lease row written, a few milliseconds each.</summary>
    private const string RecordTransactions = """
        CREATE TABLE claim_transactions (txid bigint NOT NULL);
        CREATE FUNCTION record_claim_transaction() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_sleep(0.005);
            INSERT INTO claim_transactions VALUES (txid_current());
            RETURN NULL;
        END $$;
        CREATE TRIGGER record_claim_transaction AFTER INSERT OR UPDATE ON leases
            FOR EACH ROW EXECUTE FUNCTION record_claim_transaction();
        """;

    [HostFact(Files = [PostgresInstance.Initdb, PostgresInstance.Postmaster], Programs = ["runuser"])]
    public async Task A_hundred_discovers_and_requests_in_flight_at_once_get_distinct_addresses_in_a_few_shared_transactions()
    {
        var instance = await postgres.InstanceAsync();
        var location = await instance.NewDatabaseAsync();
        using var store = new PostgresLeaseStore(location);
        await instance.ExecuteAsync(location.Database, RecordTransactions);
        // A fake clock from the real time: the database compares the pool's expiries with its own clock.
        var f = new DhcpFixture(store, poolSize: 150, time: new FakeTimeProvider(DateTimeOffset.UtcNow));

        var offers = await Task.WhenAll(Enumerable.Range(0, Clients).Select(i =>
            f.Handler.HandleAsync(Context(DhcpFixture.Request(DhcpMessageType.Discover, Mac(i), (uint)i))).AsTask()));
        Assert.All(offers, offer => Assert.Equal(DhcpMessageType.Offer, offer?.MessageType));
        Assert.Equal(Clients, offers.Select(o => o!.YourAddress).Distinct().Count());

        var contexts = offers.Select((offer, i) =>
        {
            var request = DhcpFixture.Request(DhcpMessageType.Request, Mac(i), (uint)i);
            request.SetAddress(DhcpOptionCode.RequestedIpAddress, offer!.YourAddress);
            request.SetAddress(DhcpOptionCode.ServerIdentifier, DhcpFixture.Server);
            return Context(request);
        }).ToList();
        var acks = await Task.WhenAll(contexts.Select(c => f.Handler.HandleAsync(c).AsTask()));
        Assert.All(acks, ack => Assert.Equal(DhcpMessageType.Ack, ack?.MessageType));
        Assert.All(contexts, c => Assert.True(c.ReplyAfter.IsCompletedSuccessfully && c.ReplyAfter.Result));
        Assert.Equal(offers.Select(o => o!.YourAddress), acks.Select(a => a!.YourAddress));
        Assert.Equal(Clients, store.LoadAll().Count);

        // 200 rows written (a hold and a lease per client); one at a time they would be 200 transactions.
        long rows = await instance.ScalarAsync<long>(location.Database, "SELECT count(*) FROM claim_transactions");
        long transactions = await instance.ScalarAsync<long>(location.Database, "SELECT count(DISTINCT txid) FROM claim_transactions");
        output.WriteLine($"{rows} claims of {Clients} clients in flight at once went in {transactions} transactions");
        Assert.Equal(2 * Clients, rows);
        Assert.True(transactions <= Clients / 4, $"{rows} claims went in {transactions} transactions: they were not in flight together");
    }

    private static DhcpRequestContext Context(DhcpMessage request) => new(request, "lab0", new IPEndPoint(IPAddress.Any, 68));

    private static string Mac(int i) => $"52:54:00:17:{i / 256:x2}:{i % 256:x2}";
}
