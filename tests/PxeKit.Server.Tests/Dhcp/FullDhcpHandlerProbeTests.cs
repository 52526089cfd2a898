using System.Net;
using System.Net.NetworkInformation;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Dhcp;
using PxeKit.Server.Leases;

namespace PxeKit.Server.Tests.Dhcp;

/// <summary>RFC 2131 section 4.4.1: an address nobody holds is probed before it is offered (FullDhcpHandler.Probe.cs, OfferProbes).</summary>
public class FullDhcpHandlerProbeTests
{
    private const string Mac = "52:54:00:00:00:01";
    private static readonly IPAddress First = IPAddress.Parse("10.47.0.100");
    private static readonly IPAddress Second = IPAddress.Parse("10.47.0.101");
    private static readonly PhysicalAddress Squatter = PhysicalAddress.Parse("02-00-00-00-00-99");

    [Fact]
    public async Task An_offer_of_a_free_address_waits_for_the_probe_and_then_leaves()
    {
        var probe = new FakeProbe();
        var f = new DhcpFixture(probe: probe);

        var offer = f.Send(DhcpFixture.Request(DhcpMessageType.Discover, Mac), out var context)!;

        Assert.Equal(First, offer.YourAddress);
        Assert.Equal([First], probe.Probed);
        Assert.False(context.ReplyAfter.IsCompleted);
        probe.Answer(First, null);
        Assert.True(await context.ReplyAfter);
        Assert.DoesNotContain(f.Journal.Events, e => e.Dhcp?.IgnoreReason == DhcpIgnoreReason.AddressInUse);
    }

    [Fact]
    public async Task An_address_in_use_is_not_offered_is_set_aside_and_is_named_once()
    {
        var probe = new FakeProbe();
        var f = new DhcpFixture(probe: probe, poolSize: 2);

        f.Send(DhcpFixture.Request(DhcpMessageType.Discover, Mac), out var first);
        probe.Answer(First, Squatter);

        Assert.False(await first.ReplyAfter);
        var named = Assert.Single(f.Journal.Events, e => e.Dhcp?.IgnoreReason == DhcpIgnoreReason.AddressInUse);
        Assert.Equal("10.47.0.100", named.Address);
        Assert.Equal("02:00:00:00:00:99", named.Dhcp!.ClaimedBy);
        Assert.Equal(Mac, named.Mac);

        // The client's next DISCOVER gets another address, which is probed in turn.
        var next = f.Send(DhcpFixture.Request(DhcpMessageType.Discover, Mac), out var second)!;
        Assert.Equal(Second, next.YourAddress);
        probe.Answer(Second, null);
        Assert.True(await second.ReplyAfter);

        // Once its time set aside is over, the address is offered and probed again; the squatter, still there,
        // keeps it, and is not named a second time.
        f.Clock.Advance(LeasePool.DeclineHold + TimeSpan.FromSeconds(1));
        var later = f.Send(DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:00:02"), out var third)!;
        Assert.Equal(First, later.YourAddress);
        probe.Answer(First, Squatter);
        Assert.False(await third.ReplyAfter);
        Assert.Single(f.Journal.Events, e => e.Dhcp?.IgnoreReason == DhcpIgnoreReason.AddressInUse);
    }

    [Fact]
    public async Task The_client_itself_answering_for_the_address_it_asks_back_is_no_conflict()
    {
        var probe = new FakeProbe();
        var f = new DhcpFixture(probe: probe);

        f.Send(DhcpFixture.Request(DhcpMessageType.Discover, Mac), out var context);
        probe.Answer(First, PhysicalAddress.Parse("52-54-00-00-00-01"));

        Assert.True(await context.ReplyAfter);
        Assert.Equal(0, f.Pool.DeclinedCount);
    }

    [Fact]
    public async Task A_repeated_discover_joins_the_running_probe_and_within_the_period_is_not_probed_again()
    {
        var probe = new FakeProbe();
        var f = new DhcpFixture(probe: probe);

        f.Send(DhcpFixture.Request(DhcpMessageType.Discover, Mac), out var first);
        f.Send(DhcpFixture.Request(DhcpMessageType.Discover, Mac), out var joined);
        Assert.Single(probe.Probed);
        Assert.False(joined.ReplyAfter.IsCompleted);

        probe.Answer(First, null);
        Assert.True(await first.ReplyAfter);
        Assert.True(await joined.ReplyAfter);

        // Firmware repeats its DISCOVER after 4 s: offered at once, no second ARP.
        f.Clock.Advance(TimeSpan.FromSeconds(4));
        f.Send(DhcpFixture.Request(DhcpMessageType.Discover, Mac), out var again);
        Assert.True(LeavesNow(again));
        Assert.Single(probe.Probed);

        f.Clock.Advance(OfferProbes.Period);
        f.Send(DhcpFixture.Request(DhcpMessageType.Discover, Mac), out _);
        Assert.Equal(2, probe.Probed.Count);
    }

    [Fact]
    public void A_flood_of_new_clients_runs_no_more_than_the_bound_of_probes_at_once()
    {
        var probe = new FakeProbe();
        var f = new DhcpFixture(probe: probe, poolSize: 100);

        var contexts = Enumerable.Range(0, 80).Select(i =>
        {
            f.Send(DhcpFixture.Request(DhcpMessageType.Discover, $"02:00:00:00:01:{i:x2}"), out var context);
            return context;
        }).ToList();

        Assert.Equal(OfferProbes.MaxOutstanding, probe.Probed.Count);
        // Past the bound an offer leaves unprobed, as with probing off: the listener is never held up.
        Assert.Equal(80 - OfferProbes.MaxOutstanding, contexts.Count(c => LeavesNow(c)));

        probe.Answer(First, null);
        f.Send(DhcpFixture.Request(DhcpMessageType.Discover, "02:00:00:00:02:00"), out _);
        Assert.Equal(OfferProbes.MaxOutstanding + 1, probe.Probed.Count);
    }

    [Fact]
    public void A_client_renewing_its_own_lease_is_not_probed()
    {
        var probe = new FakeProbe { AnswerAtOnce = true };
        var f = new DhcpFixture(probe: probe);
        f.Dora(Mac);
        f.Clock.Advance(OfferProbes.Period);

        f.Send(DhcpFixture.Request(DhcpMessageType.Discover, Mac), out var context);

        Assert.True(LeavesNow(context));
        Assert.Single(probe.Probed);
    }

    [Fact]
    public void A_relayed_subnet_is_not_probed_it_is_not_on_this_link()
    {
        var probe = new FakeProbe();
        var f = new DhcpFixture(probe: probe, relayed: true);
        var request = DhcpFixture.Request(DhcpMessageType.Discover, Mac);
        request.GatewayAddress = IPAddress.Parse("10.47.0.254");

        var offer = f.Send(request, out var context);

        Assert.NotNull(offer);
        Assert.True(LeavesNow(context));
        Assert.Empty(probe.Probed);
    }

    /// <summary>The reply may leave now, without waiting.</summary>
    internal static bool LeavesNow(DhcpRequestContext context) => context.ReplyAfter is { IsCompletedSuccessfully: true, Result: true };

    /// <summary>A probe the test answers by hand.</summary>
    private sealed class FakeProbe : IAddressProbe
    {
        private readonly Dictionary<IPAddress, TaskCompletionSource<PhysicalAddress?>> _waiting = [];

        public List<IPAddress> Probed { get; } = [];

        /// <summary>Answer "free" at once instead of waiting for <see cref="Answer"/>.</summary>
        public bool AnswerAtOnce { get; init; }

        public Task<PhysicalAddress?> ProbeAsync(IPAddress address)
        {
            Probed.Add(address);
            if (AnswerAtOnce)
            {
                return Task.FromResult<PhysicalAddress?>(null);
            }

            var answer = new TaskCompletionSource<PhysicalAddress?>();
            _waiting[address] = answer;
            return answer.Task;
        }

        public void Answer(IPAddress address, PhysicalAddress? claimant) => _waiting[address].SetResult(claimant);
    }
}
