using PxeKit.Core.Events;
using PxeKit.Diagnostics.Verdicts;

namespace PxeKit.Diagnostics.Tests.Verdicts;

public sealed class RogueServerDetectorTests
{
    private readonly List<BootEvent> _events = [];
    private readonly BootJournal _journal;

    public RogueServerDetectorTests()
    {
        _journal = new BootJournal(new ListSink(_events));
        _journal.Attach(new RogueServerDetector(_journal, "lab0"));
    }

    private void Record(BootEvent e) => _journal.Record(e);

    private async Task<List<BootEvent>> VerdictsAsync()
    {
        await Task.Delay(200);
        lock (_events)
        {
            return [.. _events.Where(e => e.Step == BootStep.Diagnosis)];
        }
    }

    [Fact]
    public async Task Another_server_is_named_once_with_its_offer_and_the_machine_that_took_it()
    {
        var offer = new BootEvent
        {
            Time = DateTimeOffset.UtcNow,
            Step = BootStep.WireDhcpReply,
            Mac = "52:54:00:12:34:56",
            Server = "10.47.0.2",
            Detail = "Offer of 10.47.0.60 from server 10.47.0.2 (no boot file) seen on the wire",
        };
        Record(offer);
        Record(offer with { Detail = "Ack of 10.47.0.60 from server 10.47.0.2 (no boot file) seen on the wire" });
        Record(new BootEvent { Time = DateTimeOffset.UtcNow, Step = BootStep.DhcpIgnored, Mac = "52:54:00:12:34:56", Detail = "the client chose the offer of server 10.47.0.2" });

        var verdicts = await VerdictsAsync();

        Assert.Equal(2, verdicts.Count);
        Assert.Contains(verdicts, v => v.Detail.StartsWith("Another DHCP server, 10.47.0.2, answers on lab0: Offer of 10.47.0.60 from server 10.47.0.2 (no boot file) to 52:54:00:12:34:56", StringComparison.Ordinal)
            && v.Detail.Contains("--proxy", StringComparison.Ordinal));
        Assert.Contains(verdicts, v => v.Detail == "52:54:00:12:34:56 took the offer of the other DHCP server 10.47.0.2, not PxeKit's: it boots with what that server told it.");
    }

    [Fact]
    public async Task Pxekits_own_traffic_raises_no_alarm()
    {
        Record(new BootEvent { Time = DateTimeOffset.UtcNow, Step = BootStep.DhcpOffer, Mac = "52:54:00:12:34:56", Detail = "offer 10.47.0.128" });
        Record(new BootEvent { Time = DateTimeOffset.UtcNow, Step = BootStep.DhcpIgnored, Mac = "52:54:00:12:34:56", Detail = "no free address" });
        Assert.Empty(await VerdictsAsync());
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
}
