using System.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Dhcp;
using PxeKit.Server.Leases;
using PxeKit.Server.Tests.Dhcp;

namespace PxeKit.Server.Tests.Leases;

/// <summary>
/// Lease expiry on the monotonic clock: a Raspberry Pi has no RTC, starts with its clock in the past, and NTP then
/// steps it forward; or the clock is set back. Neither ends leases early nor keeps them forever.
/// </summary>
public sealed class LeaseClockTests
{
    private const string Holder = "52:54:00:00:00:01";
    private const string Other = "52:54:00:00:00:02";

    [Fact]
    public void A_wall_clock_stepped_a_year_forward_ends_no_lease_and_the_store_gets_wall_clock_expiries()
    {
        var f = new DhcpFixture(poolSize: 1);
        var address = f.Dora(Holder);

        f.Clock.SetWallClock(f.Clock.GetUtcNow().AddYears(1));

        // Before the fix every lease had ended: the address went to the next machine that asked.
        Assert.Null(f.Send(DhcpFixture.Request(DhcpMessageType.Discover, Other)));
        Assert.Equal(DhcpMessageType.Ack, f.Send(DhcpFixture.Renewing(Holder, address))!.MessageType);
        Assert.Equal(f.Clock.GetUtcNow() + f.Scope.LeaseTime, Assert.Single(f.Store.LoadAll()).Expires);
    }

    [Fact]
    public void A_wall_clock_set_a_year_back_keeps_no_lease_past_its_time()
    {
        var f = new DhcpFixture(poolSize: 1);
        var address = f.Dora(Holder);

        f.Clock.SetWallClock(f.Clock.GetUtcNow().AddYears(-1));
        f.Clock.Advance(f.Scope.LeaseTime - TimeSpan.FromSeconds(1));
        Assert.Null(f.Send(DhcpFixture.Request(DhcpMessageType.Discover, Other)));

        // Before the fix the lease ran until the wall clock caught up: a year.
        f.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(address, f.Send(DhcpFixture.Request(DhcpMessageType.Discover, Other))!.YourAddress);
    }

    [Fact]
    public void At_start_a_stored_lease_lasts_the_time_its_expiry_has_left_clamped_to_the_scopes_lease_time()
    {
        var clock = new ManualClock();
        var now = clock.GetUtcNow();
        var store = new InMemoryLeaseStore();
        var scope = new DhcpFixture().Scope;
        // Written by a server whose clock was years ahead; one with half an hour left; one that ended while it was down.
        store.SaveAsync(new Lease("52:54:00:00:00:0a", IPAddress.Parse("10.47.0.100"), now.AddYears(10)));
        store.SaveAsync(new Lease("52:54:00:00:00:0b", IPAddress.Parse("10.47.0.101"), now.AddMinutes(30)));
        store.SaveAsync(new Lease("52:54:00:00:00:0c", IPAddress.Parse("10.47.0.102"), now.AddMinutes(-5)));
        var pool = new LeasePool(store, clock, [scope]);

        Assert.Equal("10.47.0.102", Taken(pool, scope, clock, TimeSpan.Zero, "10.47.0.100", "10.47.0.101", "10.47.0.102"));
        Assert.Equal("10.47.0.101", Taken(pool, scope, clock, TimeSpan.FromMinutes(31), "10.47.0.100", "10.47.0.101"));
        Assert.Null(Taken(pool, scope, clock, scope.LeaseTime - TimeSpan.FromMinutes(32), "10.47.0.100"));
        Assert.Equal("10.47.0.100", Taken(pool, scope, clock, TimeSpan.FromMinutes(2), "10.47.0.100"));
    }

    private int _newClients;

    /// <summary>After <paramref name="wait"/>, the first of <paramref name="addresses"/> a new client can take (null: none yet).</summary>
    private string? Taken(LeasePool pool, DhcpScope scope, ManualClock clock, TimeSpan wait, params string[] addresses)
    {
        clock.Advance(wait);
        return addresses.FirstOrDefault(a => pool.Commit(scope, $"02:00:00:00:00:{++_newClients:x2}", IPAddress.Parse(a), null).Lease is not null);
    }
}
