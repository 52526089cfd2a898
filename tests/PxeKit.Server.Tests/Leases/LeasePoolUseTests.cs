using PxeKit.Core.Metrics;
using PxeKit.Protocol.Dhcp;

using PxeKit.Server.Tests.Dhcp;

namespace PxeKit.Server.Tests.Leases;

/// <summary>The pool metrics' source (LeasePool.Use): each range's size and the leases live now.</summary>
public class LeasePoolUseTests
{
    [Fact]
    public void Leased_addresses_count_while_their_lease_lasts_and_offers_do_not()
    {
        var f = new DhcpFixture(poolSize: 10);
        Assert.Equal([new ScopeUse("10.47.0.100-10.47.0.109", 10, 0)], f.Pool.Use(f.Scopes.All));

        f.Dora("52:54:00:00:00:01");
        f.Dora("52:54:00:00:00:02");
        f.Send(DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:00:03"));

        Assert.Equal([new ScopeUse("10.47.0.100-10.47.0.109", 10, 2)], f.Pool.Use(f.Scopes.All));

        f.Clock.Advance(f.Scope.LeaseTime + TimeSpan.FromSeconds(1));

        Assert.Equal([new ScopeUse("10.47.0.100-10.47.0.109", 10, 0)], f.Pool.Use(f.Scopes.All));
    }
}
