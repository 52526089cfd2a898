using System.Net;
using Microsoft.Extensions.Time.Testing;
using PxeKit.Server.Dhcp;
using PxeKit.Server.Leases;
using PxeKit.Server.Leases.Postgres;

namespace PxeKit.Server.Tests.Leases.Postgres;

/// <summary>
/// Two <see cref="LeasePool"/>s, as two servers, on one PostgreSQL database (<see cref="ISharedLeaseStore"/>): their offers
/// and leases are decided in it, and each renews a lease the other gave. A real PostgreSQL the test starts.
/// </summary>
public sealed class LeasePoolSharedTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    /// <summary>Four addresses: small enough that two servers meet on every one.</summary>
    private static readonly DhcpScope Scope = new()
    {
        Interface = "lab0",
        ServerAddress = IPAddress.Parse("10.48.0.1"),
        SubnetMask = IPAddress.Parse("255.255.255.0"),
        RangeStart = IPAddress.Parse("10.48.0.100"),
        RangeEnd = IPAddress.Parse("10.48.0.103"),
    };

    [HostFact(Files = [PostgresInstance.Initdb, PostgresInstance.Postmaster], Programs = ["runuser"])]
    public async Task Two_pools_on_one_database_offer_and_bind_distinct_addresses_and_renew_each_others_leases()
    {
        var location = await (await postgres.InstanceAsync()).NewDatabaseAsync();
        using var firstStore = new PostgresLeaseStore(location);
        using var secondStore = new PostgresLeaseStore(location);
        // A fake clock from the real time: the database compares the pools' expiries with its own clock.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var first = new LeasePool(firstStore, time, [Scope]);
        var second = new LeasePool(secondStore, time, [Scope]);

        // Each pool starts its search at the range's first address: the database sends the second one elsewhere.
        var offers = new List<IPAddress>();
        for (int i = 0; i < 4; i++)
        {
            var pool = i % 2 == 0 ? first : second;
            var offered = await pool.OfferAsync(Scope, ClientKey.ForMac(Mac(i)), Mac(i), null);
            Assert.NotNull(offered);
            offers.Add(offered);
        }

        Assert.Equal(4, offers.Distinct().Count());
        Assert.Null(await first.OfferAsync(Scope, ClientKey.ForMac(Mac(9)), Mac(9), null));

        // A client offered by both (it broadcast its DISCOVER) is offered one address, and may bind it through either.
        Assert.Equal(offers[0], await second.OfferAsync(Scope, ClientKey.ForMac(Mac(0)), Mac(0), null));
        for (int i = 0; i < 4; i++)
        {
            var commit = await (i % 2 == 0 ? first : second).CommitAsync(Scope, ClientKey.ForMac(Mac(i)), Mac(i), offers[i], null);
            Assert.Null(commit.Refusal);
            Assert.True(commit.Durable.IsCompletedSuccessfully);
        }

        // Another client asking either server for a bound address is refused: the database has it bound.
        Assert.NotNull((await second.CommitAsync(Scope, ClientKey.ForMac(Mac(9)), Mac(9), offers[0], null)).Refusal);
        Assert.NotNull((await first.CommitAsync(Scope, ClientKey.ForMac(Mac(9)), Mac(9), offers[1], null)).Refusal);
        Assert.Null(await firstStore.FindAsync(ClientKey.ForMac(Mac(9))));

        // Renewal through the other server: it reads the lease the first one gave.
        Assert.True(second.Knows(Scope, Mac(0)));
        var renewed = await second.CommitAsync(Scope, ClientKey.ForMac(Mac(0)), Mac(0), offers[0], "renewed");
        Assert.Null(renewed.Refusal);
        Assert.Equal("renewed", (await firstStore.FindAsync(ClientKey.ForMac(Mac(0))))!.HostName);
        Assert.Equal(4, firstStore.LoadAll().Count);

        // A release through the server that did not give the lease frees it for the first server's next client.
        Assert.True(second.Release(Mac(2), offers[2]));
        await Eventually.HoldsAsync(async () => await firstStore.HolderOfAsync(offers[2]) is null, TimeSpan.FromSeconds(10));

        // The first pool still believes Mac(2) holds it: its range looks full, and it reads the database again (once a second).
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(offers[2], await first.OfferAsync(Scope, ClientKey.ForMac(Mac(9)), Mac(9), null));
    }

    private static string Mac(int i) => $"52:54:00:02:00:{i:x2}";
}
