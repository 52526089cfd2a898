using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;
using static PxeKit.Diagnostics.Tests.Rules.Ev;

namespace PxeKit.Diagnostics.Tests.Rules;

public sealed class DroppedOnHostRuleTests : IDisposable
{
    private readonly EngineHarness _engine = new();

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task A_request_seen_on_the_wire_but_never_by_the_socket_is_blamed_on_the_host_once()
    {
        _engine.Feed(WireRequest(), WireRequest()).Advance(2.1).Feed(WireRequest()).Advance(2.1);

        var verdict = Assert.Single(await _engine.SaidAsync());
        Assert.Equal((FaultId.DhcpDroppedOnHost, Mac, Confidence.Certain), (verdict.Fault, verdict.Client, verdict.Confidence));
        Assert.Equal("DHCP requests from 52:54:00:12:34:56 reach lab0 but never PxeKit's socket: something on this host drops them before they are delivered, most likely its firewall.", verdict.Cause);
        Assert.Equal("The capture saw a Discover from 52:54:00:12:34:56 (xid 0x00001234) to 255.255.255.255:67. Rule X drops it.", verdict.Seen);
        Assert.Equal("run Y", verdict.Fix);
        Assert.Equal([BootStep.WireDhcp], verdict.Evidence.Select(e => e.Step));
    }

    [Fact]
    public async Task A_flood_from_a_thousand_macs_the_socket_never_sees_is_one_verdict_and_one_reading_of_the_firewall_per_period()
    {
        for (int i = 0; i < 1000; i++)
        {
            _engine.Feed(WireRequest(mac: $"02:00:00:00:{i / 256:x2}:{i % 256:x2}")).Advance(0.0035);
        }

        _engine.Advance(2.1);
        var first = Assert.Single(await _engine.SaidAsync());
        Assert.Equal(("02:00:00:00:00:00", 1), (first.Client, _engine.FirewallReads));

        _engine.Advance(300).Feed(WireRequest(mac: "02:00:00:00:10:00")).Advance(2.1);
        var said = await _engine.SaidAsync();
        Assert.Equal(2, said.Count);
        Assert.Equal(("02:00:00:00:10:00", 2), (said[1].Client, _engine.FirewallReads));
    }

    [Fact]
    public async Task In_a_storm_the_requests_the_socket_saw_go_quietly_and_the_one_it_missed_is_said_when_its_grace_is_over()
    {
        // 4,000 machines in 2 s, as serve's capture and socket see them: thousands wait for their grace at once.
        for (int i = 0; i < 4000; i++)
        {
            string mac = $"02:00:00:00:{i / 256:x2}:{i % 256:x2}";
            _engine.Feed(WireRequest(mac: mac));
            if (i != 2000)
            {
                _engine.Feed(Request(mac: mac));
            }

            _engine.Advance(0.0005);
        }

        // The missed one came at 1.0 s: at 2.9 s its grace of 2 s is not over, at 3.1 s it is.
        _engine.Advance(0.9);
        Assert.Empty(await _engine.SaidAsync());

        _engine.Advance(0.2).Advance(2.1);
        var verdict = Assert.Single(await _engine.SaidAsync());
        Assert.Equal((FaultId.DhcpDroppedOnHost, "02:00:00:00:07:d0"), (verdict.Fault, verdict.Client));
    }

    [Fact]
    public async Task A_request_the_listener_dropped_on_purpose_and_journaled_is_not_blamed_on_the_firewall()
    {
        _engine.Feed(WireRequest(), Ignored(DhcpIgnoreReason.Bootp)).Advance(2.1).Finish();

        Assert.DoesNotContain(await _engine.SaidAsync(), v => v.Fault == FaultId.DhcpDroppedOnHost);
    }

    [Fact]
    public async Task Nothing_is_said_before_the_grace_period_is_over()
    {
        _engine.Feed(WireRequest()).Advance(1.9);
        Assert.Empty(await _engine.SaidAsync());

        _engine.Advance(0.2);
        Assert.Single(await _engine.SaidAsync());
    }

    [Fact]
    public async Task Without_the_hosts_firewall_the_fix_is_to_let_the_port_in()
    {
        using var engine = new EngineHarness(new Verdicts.FirewallAdvice("", ""));
        engine.Feed(WireRequest()).Advance(3);

        Assert.Equal("let UDP 67 in to PxeKit on lab0", Assert.Single(await engine.SaidAsync()).Fix);
    }

    [Fact]
    public async Task A_boot_server_request_dropped_on_4011_is_told_apart_from_dhcp_that_the_socket_saw()
    {
        // Proxy mode with UEFI: the DISCOVER reaches port 67, the REQUEST to 4011 never reaches the boot server.
        _engine.Feed(WireRequest(), Request(), WireRequest(BootStep.WireBootServer, port: 4011)).Advance(3);

        var verdict = Assert.Single(await _engine.SaidAsync());
        Assert.Equal(FaultId.BootServerDroppedOnHost, verdict.Fault);
        Assert.StartsWith("PXE boot-server requests (UDP 4011) from 52:54:00:12:34:56 reach lab0", verdict.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_alarm_when_the_boot_server_answers()
    {
        _engine.Feed(WireRequest(BootStep.WireBootServer, port: 4011), Reply(DhcpMessageTypeAck, address: null, port: 4011)).Advance(3);

        Assert.Empty(await _engine.SaidAsync());
    }

    [Fact]
    public async Task No_alarm_when_the_socket_sees_the_request_too()
    {
        _engine.Feed(WireRequest(), Request(), WireRequest(mac: "52:54:00:00:00:02"), Request(mac: "52:54:00:00:00:02")).Advance(3);

        Assert.Empty(await _engine.SaidAsync());
    }

    [Fact]
    public async Task A_tftp_request_the_socket_never_saw_is_diagnosed_by_address_apart_from_dhcp()
    {
        _engine.Feed(WireRequest(), Request(), WireTftp()).Advance(3);

        var verdict = Assert.Single(await _engine.SaidAsync());
        Assert.Equal(FaultId.TftpDroppedOnHost, verdict.Fault);
        Assert.StartsWith("TFTP requests from 10.47.0.60 reach lab0", verdict.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dhcpv6_solicit_seen_on_the_wire_but_never_by_the_socket_is_the_same_fault_in_its_ipv6_words()
    {
        using var engine = new EngineHarness(sockets: PxeKitSockets.Dhcp | PxeKitSockets.Tftp | PxeKitSockets.Dhcp6);
        engine.Feed(Solicit(wire: true)).Advance(2.1);

        var verdict = Assert.Single(await engine.SaidAsync());
        Assert.Equal((FaultId.DhcpDroppedOnHost, Mac), (verdict.Fault, verdict.Client));
        Assert.StartsWith("DHCPv6 requests from 52:54:00:12:34:56 reach lab0 but never PxeKit's socket", verdict.Cause, StringComparison.Ordinal);
        Assert.StartsWith("The capture saw a DHCPv6 Solicit from 52:54:00:12:34:56 (transaction 0xabcdef) to UDP 547.", verdict.Seen, StringComparison.Ordinal);
        Assert.Equal([HostTraffic.Dhcp6In], engine.FirewallQuestions);
    }

    [Fact]
    public async Task A_dhcpv6_solicit_the_socket_saw_too_or_without_a_dhcpv6_socket_is_no_alarm()
    {
        using var serving = new EngineHarness(sockets: PxeKitSockets.Dhcp | PxeKitSockets.Tftp | PxeKitSockets.Dhcp6);
        serving.Feed(Solicit(wire: true), Solicit(wire: false)).Advance(3);
        Assert.Empty(await serving.SaidAsync());

        // Another DHCPv6 server's clients, when serve answers no DHCPv6: not PxeKit's requests to lose.
        _engine.Feed(Solicit(wire: true)).Advance(3);
        Assert.Empty(await _engine.SaidAsync());
    }

    private const Protocol.Dhcp.DhcpMessageType DhcpMessageTypeAck = Protocol.Dhcp.DhcpMessageType.Ack;
}
