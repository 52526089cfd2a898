using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Verdicts;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Tests.Verdicts;

public sealed class RogueServerDetectorTests
{
    private const string Mac = "52:54:00:12:34:56";
    private readonly RecordingSink _sink = new();
    private readonly BootJournal _journal;

    public RogueServerDetectorTests()
    {
        _journal = new BootJournal(_sink);
        _journal.Attach(new RogueServerDetector(_journal, "lab0"));
    }

    private static BootEvent WireReply(DhcpMessageType type) => new()
    {
        Time = DateTimeOffset.UtcNow,
        Step = BootStep.WireDhcpReply,
        Source = EvidenceSource.Capture,
        Mac = Mac,
        Address = "10.47.0.60",
        Server = "10.47.0.2",
        Dhcp = new DhcpFacts { MessageType = type, ServerId = "10.47.0.2" },
    };

    private static BootEvent Ignored(DhcpIgnoreReason reason, string? serverId = null) => new()
    {
        Time = DateTimeOffset.UtcNow,
        Step = BootStep.DhcpIgnored,
        Mac = Mac,
        Dhcp = new DhcpFacts { MessageType = DhcpMessageType.Request, ServerId = serverId, IgnoreReason = reason },
    };

    [Fact]
    public void Another_server_is_named_once_with_its_offer_and_the_machine_that_took_it()
    {
        _journal.Record(WireReply(DhcpMessageType.Offer));
        _journal.Record(WireReply(DhcpMessageType.Ack));
        _journal.Record(Ignored(DhcpIgnoreReason.OtherServerChosen, "10.47.0.2"));

        var verdicts = _sink.Diagnoses.Select(e => e.Verdict!).ToList();

        Assert.Equal([FaultId.OtherDhcpServer, FaultId.TookOtherOffer], verdicts.Select(v => v.Fault));
        Assert.Equal("Another DHCP server, 10.47.0.2, answers on lab0.", verdicts[0].Cause);
        Assert.Contains("Its Offer gave 10.47.0.60 (no boot file) to 52:54:00:12:34:56", verdicts[0].Seen, StringComparison.Ordinal);
        Assert.Contains("--proxy", verdicts[0].Fix, StringComparison.Ordinal);
        Assert.Equal("52:54:00:12:34:56 took the offer of the other DHCP server 10.47.0.2, not PxeKit's: it boots with what that server told it.", verdicts[1].Cause);
    }

    [Fact]
    public void Pxekits_own_traffic_raises_no_alarm()
    {
        _journal.Record(new BootEvent { Time = DateTimeOffset.UtcNow, Step = BootStep.DhcpOffer, Mac = Mac, Dhcp = new DhcpFacts { MessageType = DhcpMessageType.Offer } });
        _journal.Record(Ignored(DhcpIgnoreReason.PoolExhausted));

        Assert.Empty(_sink.Diagnoses);
    }
}
