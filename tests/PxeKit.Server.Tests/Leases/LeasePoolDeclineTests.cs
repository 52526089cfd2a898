using System.Net;
using Microsoft.Extensions.Time.Testing;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Dhcp;
using PxeKit.Server.Leases;

namespace PxeKit.Server.Tests.Leases;

/// <summary>The DECLINE table of <see cref="LeasePool"/>: only addresses of the range, bounded, pruned when they expire.</summary>
public class LeasePoolDeclineTests
{
    /// <summary>A /16 with a range larger than the table, so the cap is reached before the range runs out.</summary>
    private static readonly DhcpScope Scope = new()
    {
        Interface = "lab0",
        ServerAddress = IPAddress.Parse("10.48.0.1"),
        SubnetMask = IPAddress.Parse("255.255.0.0"),
        RangeStart = IPAddress.Parse("10.48.1.0"),
        RangeEnd = IPAddress.Parse("10.48.4.255"),
    };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 6, 0, 0, TimeSpan.Zero));

    private static string Mac(int i) => $"52:54:00:00:{i >> 8:x2}:{i & 0xff:x2}";

    [Fact]
    public void The_table_holds_at_most_MaxDeclined_addresses_however_many_clients_decline()
    {
        var pool = new LeasePool(new InMemoryLeaseStore(), _time);
        for (int i = 0; i < LeasePool.MaxDeclined * 3; i++)
        {
            var offered = pool.Offer(Scope, Mac(i), null)!;
            Assert.Null(pool.Decline(Scope, Mac(i), offered));
        }

        Assert.Equal(LeasePool.MaxDeclined, pool.DeclinedCount);
    }

    [Fact]
    public void Expired_entries_are_pruned_at_the_next_decline()
    {
        var pool = new LeasePool(new InMemoryLeaseStore(), _time);
        for (int i = 0; i < 10; i++)
        {
            pool.Decline(Scope, Mac(i), pool.Offer(Scope, Mac(i), null)!);
        }

        _time.Advance(LeasePool.DeclineHold);
        pool.Decline(Scope, Mac(99), pool.Offer(Scope, Mac(99), null)!);

        Assert.Equal(1, pool.DeclinedCount);
    }

    [Fact]
    public void An_address_outside_the_range_or_not_the_senders_is_refused_and_not_recorded()
    {
        var pool = new LeasePool(new InMemoryLeaseStore(), _time);
        var offered = pool.Offer(Scope, Mac(1), null)!;

        Assert.Equal(DhcpIgnoreReason.DeclineOutsideRange, pool.Decline(Scope, Mac(1), IPAddress.Parse("10.48.9.9")));
        Assert.Equal(DhcpIgnoreReason.NotLeaseHolder, pool.Decline(Scope, Mac(2), offered));
        Assert.Equal(0, pool.DeclinedCount);
        Assert.Equal(Ipv4.FromAddress(offered), Ipv4.FromAddress(pool.Offer(Scope, Mac(1), null)!));
    }
}
