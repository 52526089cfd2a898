using PxeKit.Core.Events;
using PxeKit.Diagnostics.Verdicts;

namespace PxeKit.Diagnostics.Tests.Verdicts;

public sealed class ReturnPathDetectorTests : IDisposable
{
    private readonly List<BootEvent> _events = [];
    private readonly BootJournal _journal;
    private readonly ReturnPathDetector _detector;

    public ReturnPathDetectorTests()
    {
        _journal = new BootJournal(new ListSink(_events));
        _detector = new ReturnPathDetector(_journal, _ => Task.FromResult("RULES."), patience: TimeSpan.FromMilliseconds(300));
        _journal.Attach(_detector);
    }

    public void Dispose() => _detector.Dispose();

    private void Record(BootStep step, string detail, string file = "pxelinux.0") =>
        _journal.Record(new BootEvent { Time = DateTimeOffset.UtcNow, Step = step, Address = "10.47.0.60", File = file, Detail = detail });

    /// <summary>The verdicts once <paramref name="expected"/> have come (at most 10 s), or after a quiet wait when none are expected.</summary>
    private async Task<List<BootEvent>> VerdictsAsync(int expected = 0)
    {
        var deadline = DateTime.UtcNow.AddSeconds(expected == 0 ? 0 : 10);
        await Task.Delay(600);
        while (true)
        {
            List<BootEvent> verdicts;
            lock (_events)
            {
                verdicts = [.. _events.Where(e => e.Step == BootStep.Diagnosis)];
            }

            if (verdicts.Count >= expected || DateTime.UtcNow > deadline)
            {
                return verdicts;
            }

            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_send_the_host_refuses_is_the_output_chain_said_once()
    {
        Record(BootStep.TftpFailed, "socket error AccessDenied");
        Record(BootStep.TftpFailed, "socket error AccessDenied");

        var verdict = Assert.Single(await VerdictsAsync(1));
        Assert.StartsWith("TFTP read requests for pxelinux.0 from 10.47.0.60 reach PxeKit, but this host refuses to send the answer", verdict.Detail, StringComparison.Ordinal);
        Assert.Contains("RULES.", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_first_block_never_acknowledged_is_the_return_path()
    {
        Record(BootStep.TftpFailed, "no acknowledgment of block 1 after 5 retransmissions");

        var verdict = Assert.Single(await VerdictsAsync(1));
        Assert.Contains("no acknowledgment came back", verdict.Detail, StringComparison.Ordinal);
        Assert.Contains("nf_conntrack_tftp", verdict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_first_block_timeout_followed_by_a_finished_transfer_is_no_alarm()
    {
        Record(BootStep.TftpFailed, "no acknowledgment of block 0 after 5 retransmissions", "ipxe.efi");
        Record(BootStep.TftpComplete, "66 KiB", "ipxe.efi");

        Assert.Empty(await VerdictsAsync());
    }

    [Fact]
    public async Task A_transfer_that_stops_midway_or_a_client_error_is_not_the_return_path()
    {
        Record(BootStep.TftpFailed, "no acknowledgment of block 212 after 5 retransmissions");
        Record(BootStep.TftpFailed, "client sent ERROR 8: tsize probe");

        Assert.Empty(await VerdictsAsync());
    }

    [Fact]
    public void The_return_path_questions_ask_about_data_out_from_an_ephemeral_port_and_acks_back_in()
    {
        var questions = FirewallExplanation.TftpReturnPath((32768, 60999));

        Assert.Equal(["UDP 1024-65535 out", "UDP 32768-60999 in"], questions.Select(q => q.Describe()));
        Assert.Equal(32768, questions[0].SourcePort);
        Assert.Equal((32768, 60999), EphemeralPorts.Parse("32768\t60999\n"));
        Assert.Null(EphemeralPorts.Parse("garbage"));
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
