using System.Net;
using PxeKit.Server.Leases;

namespace PxeKit.Server.Tests.Leases;

/// <summary>DHCPv6 bindings share the lease database: the DHCPv4 pool leaves them to Dhcp6Bindings instead of failing on them.</summary>
public sealed class LeasePoolIpv6Tests
{
    [Fact]
    public async Task A_database_with_ipv6_leases_opens_and_the_pool_keeps_only_its_ipv4_ones()
    {
        using var store = new InMemoryLeaseStore();
        var expires = DateTimeOffset.UtcNow.AddHours(1);
        await store.SaveAsync(new Lease("52:54:00:00:00:01", IPAddress.Parse("10.47.0.100"), expires));
        var duid = ClientKey.ForIdentifier("00:03:00:01:52:54:00:00:00:02:00:00:00:01");
        await store.SaveAsync(new Lease("52:54:00:00:00:02", IPAddress.Parse("fd00:47::100"), expires) { Client = duid });

        var pool = new LeasePool(store, TimeProvider.System);

        Assert.Equal(IPAddress.Parse("10.47.0.100"), pool.Find("52:54:00:00:00:01")?.Address);
        Assert.Null(pool.Find(duid));
        Assert.Equal(2, store.LoadAll().Count);
    }
}
