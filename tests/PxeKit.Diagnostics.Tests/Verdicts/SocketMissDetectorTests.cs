using PxeKit.Core.Events;
using PxeKit.Diagnostics.Verdicts;

namespace PxeKit.Diagnostics.Tests.Verdicts;

public sealed class SocketMissDetectorTests : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(100);
    private readonly List<BootEvent> _events = [];
    private readonly BootJournal _journal;
    private readonly SocketMissDetector _detector;

    public SocketMissDetectorTests()
    {
        _journal = new BootJournal(new ListSink(_events));
        _detector = new SocketMissDetector(_journal, "lab0", (_, _) => Task.FromResult("Rule X drops it; run Y."), grace: Grace);
        _journal.Attach(_detector);
    }

    private void Record(BootStep step, string mac = "52:54:00:12:34:56") =>
        _journal.Record(new BootEvent { Time = DateTimeOffset.UtcNow, Step = step, Mac = mac, Detail = step.ToString() });

    private List<BootEvent> Verdicts()
    {
        lock (_events)
        {
            return [.. _events.Where(e => e.Step == BootStep.Diagnosis)];
        }
    }

    private static async Task SettleAsync() => await Task.Delay(Grace * 5);

    [Fact]
    public async Task A_request_seen_on_the_wire_but_never_by_the_socket_is_blamed_on_the_host_once()
    {
        Record(BootStep.WireDhcp);
        Record(BootStep.WireDhcp);
        await SettleAsync();
        Record(BootStep.WireDhcp);
        await SettleAsync();

        var verdict = Assert.Single(Verdicts());
        Assert.Equal("52:54:00:12:34:56", verdict.Mac);
        Assert.Contains("reach lab0", verdict.Detail, StringComparison.Ordinal);
        Assert.Contains("never PxeKit's socket", verdict.Detail, StringComparison.Ordinal);
        Assert.Contains("Rule X drops it; run Y.", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_boot_server_request_dropped_on_4011_is_told_apart_from_dhcp_that_the_socket_saw()
    {
        // Proxy mode with UEFI: the DISCOVER reaches port 67, the REQUEST to 4011 never reaches the boot server.
        Record(BootStep.WireDhcp);
        Record(BootStep.DhcpDiscover);
        Record(BootStep.WireBootServer);
        await SettleAsync();

        var verdict = Assert.Single(Verdicts());
        Assert.StartsWith("PXE boot-server requests (UDP 4011) from 52:54:00:12:34:56 reach lab0", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_alarm_when_the_boot_server_answers()
    {
        Record(BootStep.WireBootServer);
        _journal.Record(new BootEvent { Time = DateTimeOffset.UtcNow, Step = BootStep.DhcpAck, Mac = "52:54:00:12:34:56", Detail = "boot server (4011): boot ipxe.efi from 10.47.0.1" });
        await SettleAsync();

        Assert.Empty(Verdicts());
    }

    [Fact]
    public async Task No_alarm_when_the_socket_sees_the_request_too()
    {
        Record(BootStep.WireDhcp);
        Record(BootStep.DhcpDiscover);
        Record(BootStep.WireDhcp, "52:54:00:00:00:02");
        Record(BootStep.DhcpIgnored, "52:54:00:00:00:02");
        await SettleAsync();

        Assert.Empty(Verdicts());
    }

    [Fact]
    public async Task A_tftp_request_the_socket_never_saw_is_diagnosed_by_address_apart_from_dhcp()
    {
        Record(BootStep.WireDhcp);
        Record(BootStep.DhcpDiscover);
        _journal.Record(new BootEvent { Time = DateTimeOffset.UtcNow, Step = BootStep.WireTftp, Address = "10.47.0.128", File = "pxelinux.0", Detail = "ReadRequest" });
        await SettleAsync();

        var verdict = Assert.Single(Verdicts());
        Assert.StartsWith("TFTP requests from 10.47.0.128 reach lab0", verdict.Detail, StringComparison.Ordinal);
    }

    private sealed class ListSink(List<BootEvent> events) : IBootEventSink
    {
        public void Write(BootEvent bootEvent)
        {
            lock (events)
            {
                events.Add(bootEvent);
            }
        }
    }

    public void Dispose() => _detector.Dispose();
}
