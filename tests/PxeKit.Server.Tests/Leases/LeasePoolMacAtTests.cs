using System.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Tests.Dhcp;

namespace PxeKit.Server.Tests.Leases;

/// <summary>LeasePool.MacAt: who a TFTP or HTTP client is, for served templates (issue 18), is the MAC of the lease on its address.</summary>
public class LeasePoolMacAtTests
{
    [Fact]
    public void The_mac_of_a_live_lease_on_the_address_and_none_for_an_offer_an_ended_lease_or_an_address_nobody_holds()
    {
        var f = new DhcpFixture(poolSize: 10);
        var leased = f.Dora("52:54:00:00:00:01");
        var offered = f.Send(DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:00:02"))!.YourAddress;

        Assert.Equal("52:54:00:00:00:01", f.Pool.MacAt(leased));
        Assert.Null(f.Pool.MacAt(offered));
        Assert.Null(f.Pool.MacAt(IPAddress.Parse("10.47.0.200")));
        Assert.Null(f.Pool.MacAt(IPAddress.IPv6Loopback));

        f.Clock.Advance(f.Scope.LeaseTime + TimeSpan.FromSeconds(1));

        Assert.Null(f.Pool.MacAt(leased));
    }
}
