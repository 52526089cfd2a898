using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Verdicts;

namespace PxeKit.Diagnostics.Tests.Verdicts;

public sealed class ReturnPathDetectorTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 6, 0, 0, TimeSpan.Zero));
    private readonly RecordingSink _sink = new();
    private readonly BootJournal _journal;
    private readonly ReturnPathDetector _detector;

    public ReturnPathDetectorTests()
    {
        _journal = new BootJournal(_sink);
        _detector = new ReturnPathDetector(_journal, _ => Task.FromResult(new FirewallAdvice("RULES.", "FIX")), _time, Patience);
        _journal.Attach(_detector);
    }

    public void Dispose() => _detector.Dispose();

    private void Failed(TftpFailure failure, long? block = null, SocketError? error = null, string file = "pxelinux.0") => _journal.Record(new BootEvent
    {
        Time = _time.GetUtcNow(),
        Step = BootStep.TftpFailed,
        Address = "10.47.0.60",
        File = file,
        Tftp = new TftpFacts { Failure = failure, Block = block },
        SocketError = error,
    });

    private void Completed(string file) =>
        _journal.Record(new BootEvent { Time = _time.GetUtcNow(), Step = BootStep.TftpComplete, Address = "10.47.0.60", File = file, Tftp = new TftpFacts() });

    private async Task<IReadOnlyList<Verdict>> AfterPatienceAsync()
    {
        _time.Advance(Patience + TimeSpan.FromMilliseconds(1));
        await Eventually.HoldsAsync(() => _detector.Pending == 0);
        return [.. _sink.Diagnoses.Select(e => e.Verdict!)];
    }

    [Fact]
    public async Task A_send_the_host_refuses_is_the_output_chain_said_once_and_at_once()
    {
        Failed(TftpFailure.SendRefused, error: SocketError.AccessDenied);
        Failed(TftpFailure.SendRefused, error: SocketError.AccessDenied);
        await Eventually.HoldsAsync(() => _detector.Pending == 0);

        var verdict = Assert.Single(_sink.Diagnoses).Verdict!;
        Assert.Equal((FaultId.TftpReturnPathBlocked, Confidence.Certain), (verdict.Fault, verdict.Confidence));
        Assert.StartsWith("TFTP read requests for pxelinux.0 from 10.47.0.60 reach PxeKit, but this host refuses to send the answer", verdict.Cause, StringComparison.Ordinal);
        Assert.EndsWith("RULES.", verdict.Seen, StringComparison.Ordinal);
        Assert.StartsWith("FIX; or, to keep a strict OUTPUT chain,", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_first_block_never_acknowledged_is_the_return_path_after_patience()
    {
        Failed(TftpFailure.NoAcknowledgment, block: 1);
        _time.Advance(Patience - TimeSpan.FromMilliseconds(1));
        Assert.Empty(_sink.Diagnoses);

        var verdict = Assert.Single(await AfterPatienceAsync());
        Assert.Equal((FaultId.TftpReturnPathBlocked, Confidence.Likely), (verdict.Fault, verdict.Confidence));
        Assert.Contains("no acknowledgment came back", verdict.Cause, StringComparison.Ordinal);
        Assert.Contains("nf_conntrack_tftp", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_first_block_timeout_followed_by_a_finished_transfer_is_no_alarm()
    {
        Failed(TftpFailure.NoAcknowledgment, block: 0, file: "ipxe.efi");
        Completed("ipxe.efi");

        Assert.Empty(await AfterPatienceAsync());
    }

    [Fact]
    public async Task A_transfer_that_stops_midway_or_a_client_error_is_not_the_return_path()
    {
        Failed(TftpFailure.NoAcknowledgment, block: 212);
        Failed(TftpFailure.ClientError);

        Assert.Empty(await AfterPatienceAsync());
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
}
