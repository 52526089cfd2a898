using System.Net.Sockets;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using static PxeKit.Diagnostics.Tests.Rules.Ev;

namespace PxeKit.Diagnostics.Tests.Rules;

public sealed class ReturnPathRuleTests : IDisposable
{
    private readonly EngineHarness _engine = new(new Verdicts.FirewallAdvice("RULES.", "FIX"));

    public void Dispose() => _engine.Dispose();

    [Fact]
    public async Task A_send_the_host_refuses_is_the_output_chain_said_once_and_at_once()
    {
        _engine.Feed(TftpFailed(TftpFailure.SendRefused, error: SocketError.AccessDenied), TftpFailed(TftpFailure.SendRefused, error: SocketError.AccessDenied));

        var verdict = Assert.Single(await _engine.SaidAsync());
        Assert.Equal((FaultId.TftpReturnPathBlocked, Confidence.Certain), (verdict.Fault, verdict.Confidence));
        Assert.StartsWith("TFTP read requests for pxelinux.0 from 10.47.0.60 reach PxeKit, but this host refuses to send the answer", verdict.Cause, StringComparison.Ordinal);
        Assert.EndsWith("RULES.", verdict.Seen, StringComparison.Ordinal);
        Assert.StartsWith("FIX; or, to keep a strict OUTPUT chain,", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_first_block_never_acknowledged_is_the_return_path_after_the_patience()
    {
        _engine.Feed(TftpFailed(TftpFailure.NoAcknowledgment, block: 1)).Advance(4.9);
        Assert.Empty(await _engine.SaidAsync());

        var verdict = Assert.Single(await _engine.Advance(0.2).SaidAsync());
        Assert.Equal((FaultId.TftpReturnPathBlocked, Confidence.Likely), (verdict.Fault, verdict.Confidence));
        Assert.Equal("10.47.0.1 sent the first block of pxelinux.0 to 10.47.0.60 and no acknowledgment came back: the request got in, the answer did not get back.", verdict.Cause);
        Assert.Contains("nf_conntrack_tftp", verdict.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_capture_of_the_same_silence_gets_the_same_verdict()
    {
        using var trace = new EngineHarness(readsHost: false);
        trace.Feed(TftpFailed(TftpFailure.NoAcknowledgment, block: 1, source: EvidenceSource.Capture, attempts: 6)).Finish();
        _engine.Feed(TftpFailed(TftpFailure.NoAcknowledgment, block: 1)).Advance(6);

        var fromWire = Assert.Single(await trace.SaidAsync());
        var fromServer = Assert.Single(await _engine.SaidAsync());
        Assert.Equal((fromServer.Fault, fromServer.Cause), (fromWire.Fault, fromWire.Cause));
    }

    [Fact]
    public async Task A_first_block_timeout_followed_by_a_finished_transfer_is_no_alarm()
    {
        _engine.Feed(TftpFailed(TftpFailure.NoAcknowledgment, block: 0, file: "ipxe.efi"), Delivered("ipxe.efi")).Advance(6);

        Assert.Empty(await _engine.SaidAsync());
    }

    [Fact]
    public async Task A_transfer_that_stops_midway_or_a_client_error_is_not_the_return_path()
    {
        _engine.Feed(TftpFailed(TftpFailure.NoAcknowledgment, block: 212), TftpFailed(TftpFailure.ClientError)).Advance(6);

        Assert.Empty(await _engine.SaidAsync());
    }
}
