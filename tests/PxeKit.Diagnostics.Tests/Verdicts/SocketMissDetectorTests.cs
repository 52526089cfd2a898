using Microsoft.Extensions.Time.Testing;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Verdicts;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Tests.Verdicts;

public sealed class SocketMissDetectorTests : IDisposable
{
    private const string Mac = "52:54:00:12:34:56";
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 6, 0, 0, TimeSpan.Zero));
    private readonly RecordingSink _sink = new();
    private readonly BootJournal _journal;
    private readonly SocketMissDetector _detector;

    public SocketMissDetectorTests()
    {
        _journal = new BootJournal(_sink);
        _detector = new SocketMissDetector(_journal, "lab0", (_, _) => Task.FromResult(new FirewallAdvice("Rule X drops it.", "run Y")), _time, Grace);
        _journal.Attach(_detector);
    }

    public void Dispose() => _detector.Dispose();

    private void Wire(BootStep step, string mac = Mac, int port = 67) => _journal.Record(new BootEvent
    {
        Time = _time.GetUtcNow(),
        Step = step,
        Source = EvidenceSource.Capture,
        Mac = mac,
        Dhcp = new DhcpFacts { MessageType = DhcpMessageType.Discover, Xid = 0x1234, Destination = "255.255.255.255", Port = port },
    });

    private void Socket(BootStep step, string mac = Mac, int port = 67) => _journal.Record(new BootEvent
    {
        Time = _time.GetUtcNow(),
        Step = step,
        Mac = mac,
        Dhcp = new DhcpFacts { MessageType = DhcpMessageType.Discover, Port = port },
    });

    /// <summary>Lets the grace period pass, then waits for every check to finish.</summary>
    private async Task<IReadOnlyList<Verdict>> AfterGraceAsync()
    {
        _time.Advance(Grace + TimeSpan.FromMilliseconds(1));
        await Eventually.HoldsAsync(() => _detector.Pending == 0);
        return [.. _sink.Diagnoses.Select(e => e.Verdict!)];
    }

    [Fact]
    public async Task A_request_seen_on_the_wire_but_never_by_the_socket_is_blamed_on_the_host_once()
    {
        Wire(BootStep.WireDhcp);
        Wire(BootStep.WireDhcp);
        await AfterGraceAsync();
        Wire(BootStep.WireDhcp);
        var verdict = Assert.Single(await AfterGraceAsync());

        Assert.Equal((FaultId.DhcpDroppedOnHost, Mac), (verdict.Fault, verdict.Client));
        Assert.Equal("DHCP requests from 52:54:00:12:34:56 reach lab0 but never PxeKit's socket: something on this host drops them before they are delivered, most likely its firewall.", verdict.Cause);
        Assert.Equal("The capture saw a Discover from 52:54:00:12:34:56 (xid 0x00001234) to 255.255.255.255:67. Rule X drops it.", verdict.Seen);
        Assert.Equal("run Y", verdict.Fix);
        Assert.Equal([BootStep.WireDhcp], verdict.Evidence.Select(e => e.Step));
    }

    [Fact]
    public async Task Nothing_is_said_before_the_grace_period_is_over()
    {
        Wire(BootStep.WireDhcp);
        _time.Advance(Grace - TimeSpan.FromMilliseconds(1));

        Assert.Equal(1, _detector.Pending);
        Assert.Empty(_sink.Diagnoses);
        Assert.Single(await AfterGraceAsync());
    }

    [Fact]
    public async Task A_boot_server_request_dropped_on_4011_is_told_apart_from_dhcp_that_the_socket_saw()
    {
        // Proxy mode with UEFI: the DISCOVER reaches port 67, the REQUEST to 4011 never reaches the boot server.
        Wire(BootStep.WireDhcp);
        Socket(BootStep.DhcpDiscover);
        Wire(BootStep.WireBootServer, port: 4011);

        var verdict = Assert.Single(await AfterGraceAsync());
        Assert.Equal(FaultId.BootServerDroppedOnHost, verdict.Fault);
        Assert.StartsWith("PXE boot-server requests (UDP 4011) from 52:54:00:12:34:56 reach lab0", verdict.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_alarm_when_the_boot_server_answers()
    {
        Wire(BootStep.WireBootServer, port: 4011);
        Socket(BootStep.DhcpAck, port: 4011);

        Assert.Empty(await AfterGraceAsync());
    }

    [Fact]
    public async Task No_alarm_when_the_socket_sees_the_request_too()
    {
        Wire(BootStep.WireDhcp);
        Socket(BootStep.DhcpDiscover);
        Wire(BootStep.WireDhcp, "52:54:00:00:00:02");
        Socket(BootStep.DhcpIgnored, "52:54:00:00:00:02");

        Assert.Empty(await AfterGraceAsync());
    }

    [Fact]
    public async Task A_tftp_request_the_socket_never_saw_is_diagnosed_by_address_apart_from_dhcp()
    {
        Wire(BootStep.WireDhcp);
        Socket(BootStep.DhcpDiscover);
        _journal.Record(new BootEvent
        {
            Time = _time.GetUtcNow(),
            Step = BootStep.WireTftp,
            Source = EvidenceSource.Capture,
            Address = "10.47.0.128",
            File = "pxelinux.0",
        });

        var verdict = Assert.Single(await AfterGraceAsync());
        Assert.Equal(FaultId.TftpDroppedOnHost, verdict.Fault);
        Assert.StartsWith("TFTP requests from 10.47.0.128 reach lab0", verdict.Cause, StringComparison.Ordinal);
    }
}
