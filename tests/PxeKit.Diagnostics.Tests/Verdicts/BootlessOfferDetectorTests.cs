using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Verdicts;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Tests.Verdicts;

public sealed class BootlessOfferDetectorTests
{
    private const string Mac = "52:54:00:12:34:56";
    private readonly RecordingSink _sink = new();
    private readonly BootJournal _journal;

    public BootlessOfferDetectorTests()
    {
        _journal = new BootJournal(_sink);
        _journal.Attach(new BootlessOfferDetector(_journal, "lab0"));
    }

    private void Request(string mac = Mac, string vendor = "PXEClient:Arch:00000:UNDI:002001") => _journal.Record(new BootEvent
    {
        Time = DateTimeOffset.UtcNow,
        Step = BootStep.WireDhcp,
        Source = EvidenceSource.Capture,
        Mac = mac,
        Dhcp = new DhcpFacts { MessageType = DhcpMessageType.Discover, VendorClass = vendor },
    });

    private void Reply(string? file, string mac = Mac) => _journal.Record(new BootEvent
    {
        Time = DateTimeOffset.UtcNow,
        Step = BootStep.WireDhcpReply,
        Source = EvidenceSource.Capture,
        Mac = mac,
        Address = "10.47.0.60",
        Server = "10.47.0.2",
        File = file,
        Dhcp = new DhcpFacts { MessageType = DhcpMessageType.Offer, ServerId = "10.47.0.2" },
    });

    [Fact]
    public void A_pxe_client_given_an_address_and_no_boot_file_is_told_to_use_proxy_mode_once()
    {
        Request();
        Reply(null);
        Reply(null);

        var verdict = Assert.Single(_sink.Diagnoses).Verdict!;
        Assert.Equal(FaultId.OfferWithoutBootInfo, verdict.Fault);
        Assert.Equal("52:54:00:12:34:56 asked for a network boot and got its address from 10.47.0.2 on lab0, with no boot information: no boot file, no next server.", verdict.Cause);
        Assert.StartsWith("run PxeKit with --proxy", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void An_offer_with_a_boot_file_or_to_a_machine_that_is_not_booting_is_no_alarm()
    {
        Request();
        Reply("pxelinux.0");
        Request("52:54:00:00:00:98", vendor: "udhcp 1.35.0");
        Reply(null, "52:54:00:00:00:98");
        Reply(null, "52:54:00:00:00:99");

        Assert.Empty(_sink.Diagnoses);
    }
}
