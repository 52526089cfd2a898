using PxeKit.Core.Events;
using PxeKit.Diagnostics.Verdicts;

namespace PxeKit.Diagnostics.Tests.Verdicts;

public sealed class BootlessOfferDetectorTests
{
    private const string Mac = "52:54:00:12:34:56";
    private readonly List<BootEvent> _events = [];
    private readonly BootJournal _journal;

    public BootlessOfferDetectorTests()
    {
        _journal = new BootJournal(new ListSink(_events));
        _journal.Attach(new BootlessOfferDetector(_journal, "lab0"));
    }

    private void Request(string mac = Mac) =>
        _journal.Record(new BootEvent { Time = DateTimeOffset.UtcNow, Step = BootStep.WireDhcp, Mac = mac, Detail = "Discover seen on the wire" });

    private void Reply(string? file, string mac = Mac) => _journal.Record(new BootEvent
    {
        Time = DateTimeOffset.UtcNow,
        Step = BootStep.WireDhcpReply,
        Mac = mac,
        Server = "10.47.0.2",
        File = file,
        Detail = $"Offer of 10.47.0.60 from server 10.47.0.2 ({(file is null ? "no boot file" : "boot file " + file)}) seen on the wire",
    });

    private async Task<List<BootEvent>> VerdictsAsync(int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(expected == 0 ? 0.3 : 10);
        while (true)
        {
            await Task.Delay(50);
            lock (_events)
            {
                var verdicts = _events.Where(e => e.Step == BootStep.Diagnosis).ToList();
                if ((expected > 0 && verdicts.Count >= expected) || DateTime.UtcNow > deadline)
                {
                    return verdicts;
                }
            }
        }
    }

    [Fact]
    public async Task A_pxe_client_given_an_address_and_no_boot_file_is_told_to_use_proxy_mode_once()
    {
        Request();
        Reply(null);
        Reply(null);

        var verdict = Assert.Single(await VerdictsAsync(1));
        Assert.StartsWith("52:54:00:12:34:56 asked for a network boot and got its address from 10.47.0.2 on lab0 (Offer of 10.47.0.60 from server 10.47.0.2 (no boot file))", verdict.Detail, StringComparison.Ordinal);
        Assert.Contains("Fix: run PxeKit with --proxy", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_offer_with_a_boot_file_or_to_a_machine_that_is_not_booting_is_no_alarm()
    {
        Request();
        Reply("pxelinux.0");
        Reply(null, "52:54:00:00:00:99");

        Assert.Empty(await VerdictsAsync(0));
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
