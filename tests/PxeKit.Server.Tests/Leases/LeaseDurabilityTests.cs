using System.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Dhcp;
using PxeKit.Server.Tests.Dhcp;

namespace PxeKit.Server.Tests.Leases;

public sealed class LeaseDurabilityTests
{
    [Fact]
    public async Task An_ack_is_held_until_its_lease_is_durable_and_an_offer_is_not()
    {
        var store = new HeldLeaseStore();
        var f = new DhcpFixture(store);
        var discover = Context(DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:00:01"));
        var offer = f.Handler.Handle(discover)!;
        Assert.True(discover.ReplyAfter.IsCompletedSuccessfully);

        var request = DhcpFixture.Request(DhcpMessageType.Request, "52:54:00:00:00:01");
        request.SetAddress(DhcpOptionCode.RequestedIpAddress, offer.YourAddress);
        var context = Context(request);
        Assert.Equal(DhcpMessageType.Ack, f.Handler.Handle(context)!.MessageType);
        Assert.False(context.ReplyAfter.IsCompleted);

        // Meanwhile the lease is already taken in memory: nobody else is offered it.
        var other = f.Handler.Handle(Context(DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:00:02")))!;
        Assert.NotEqual(offer.YourAddress, other.YourAddress);

        store.MakeDurable();
        await context.ReplyAfter.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_new_lease_that_could_not_be_stored_faults_the_acks_task()
    {
        var store = new HeldLeaseStore();
        var f = new DhcpFixture(store);
        var offer = f.Send(DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:00:01"))!;
        var request = DhcpFixture.Request(DhcpMessageType.Request, "52:54:00:00:00:01");
        request.SetAddress(DhcpOptionCode.RequestedIpAddress, offer.YourAddress);
        var context = Context(request);
        f.Handler.Handle(context);

        store.Fail(new IOException("disk full"));
        await Assert.ThrowsAsync<IOException>(() => context.ReplyAfter.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void A_burst_of_new_clients_takes_the_range_in_order_and_a_freed_address_comes_round_again()
    {
        var f = new DhcpFixture(poolSize: 4);
        var addresses = Enumerable.Range(1, 4).Select(i => f.Dora($"52:54:00:00:01:{i:x2}")).ToList();
        Assert.Equal(["10.47.0.100", "10.47.0.101", "10.47.0.102", "10.47.0.103"], addresses.Select(a => a.ToString()));
        Assert.Null(f.Send(DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:01:05")));

        var release = DhcpFixture.Request(DhcpMessageType.Release, "52:54:00:00:01:02");
        release.ClientAddress = addresses[1];
        f.Send(release);
        Assert.Equal(addresses[1], f.Dora("52:54:00:00:01:05"));
    }

    [Fact]
    public void A_client_that_repeats_its_discover_is_offered_the_same_address_and_holds_only_that_one()
    {
        var f = new DhcpFixture(poolSize: 2);
        var first = f.Send(DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:02:01"))!.YourAddress;
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(first, f.Send(DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:02:01"))!.YourAddress);
        }

        // Its repeats did not set a second address aside: the pool's other address is still free.
        Assert.NotNull(f.Send(DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:02:02")));
    }

    [Fact]
    public void Five_thousand_clients_each_get_their_own_address()
    {
        var f = new DhcpFixture(poolSize: 150);
        var scope = f.Scope with { RangeEnd = IPAddress.Parse("10.47.19.255") };
        var pool = new PxeKit.Server.Leases.LeasePool(new PxeKit.Server.Leases.InMemoryLeaseStore(), f.Clock);
        var given = new HashSet<IPAddress>();
        for (int i = 0; i < 5000; i++)
        {
            var mac = $"02:00:00:00:{i >> 8:x2}:{i & 0xff:x2}";
            var address = pool.Offer(scope, mac, null) ?? throw new InvalidOperationException($"no offer for client {i}");
            Assert.NotNull(pool.Commit(scope, mac, address, null).Lease);
            Assert.True(given.Add(address), $"{address} given twice");
        }
    }

    private static DhcpRequestContext Context(DhcpMessage request) => new(request, "lab0", new IPEndPoint(IPAddress.Any, 68));
}
