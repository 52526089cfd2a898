using System.Net;
using PxeKit.Server.Leases;
using PxeKit.Server.Tests.Dhcp;

namespace PxeKit.Server.Tests.Leases;

/// <summary>LeasePool.SetAsideInUse: an address another host answered the probe for is set aside like a declined one.</summary>
public sealed class LeasePoolInUseTests
{
    private const string Mac = "52:54:00:00:00:01";

    [Fact]
    public void An_address_in_use_is_withdrawn_from_its_offer_and_comes_back_after_the_decline_hold()
    {
        var f = new DhcpFixture(poolSize: 2);
        var first = f.Pool.Offer(f.Scope, Mac, null)!;

        f.Pool.SetAsideInUse(f.Scope, first);

        Assert.Equal(1, f.Pool.DeclinedCount);
        Assert.NotEqual(first, f.Pool.Offer(f.Scope, Mac, null));
        Assert.NotEqual(first, f.Pool.Offer(f.Scope, "52:54:00:00:00:02", first)); // asked for by name: still not
        f.Clock.Advance(LeasePool.DeclineHold + TimeSpan.FromSeconds(1));
        Assert.Equal(first, f.Pool.Offer(f.Scope, "52:54:00:00:00:03", first));
    }

    [Fact]
    public void An_address_outside_the_range_is_not_set_aside()
    {
        // Inside the range it shares the decline table, and that table's bound (LeasePoolDeclineTests).
        var f = new DhcpFixture();
        f.Pool.SetAsideInUse(f.Scope, IPAddress.Parse("10.47.0.5"));
        Assert.Equal(0, f.Pool.DeclinedCount);
    }
}
