using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// A TFTP transfer that went quiet: read requests nothing answered, or a transfer that stopped half way. A first block
/// never acknowledged is the return path instead (<see cref="ReturnPathRule"/>). Decided when the evidence is
/// complete, for files no later transfer delivered.
/// </summary>
public sealed class TftpStalledRule : UndeliveredFileRule
{
    protected override bool IsFailure(BootEvent e) => e.Step == BootStep.TftpFailed && (Unanswered(e) || HalfWay(e));

    protected override Verdict? Judge(ClientState client, BootEvent stalled, RuleContext context)
    {
        var server = stalled.Server ?? "the TFTP server";
        if (!Unanswered(stalled))
        {
            return Verdict.Of(
                FaultId.TftpStalled,
                client.Key,
                $"The TFTP transfer of {stalled.File} stopped half way.",
                $"{server} sent {stalled.Tftp!.Block} blocks of {stalled.File}; the last one went out {stalled.Tftp.Attempts ?? 1} times without an acknowledgment.",
                "the link dropped or the client gave up: look for packet loss or a block size too large for the path (try a smaller blksize or MTU)",
                stalled);
        }

        // Where PxeKit's socket showed that its host drops the requests, that verdict says more.
        return context.HasSaid(FaultId.TftpDroppedOnHost, client.Key) ? null : Verdict.Of(
            FaultId.TftpStalled,
            client.Key,
            $"Nothing answered the TFTP requests for {stalled.File}.",
            $"{client.Key} sent {stalled.Tftp!.Attempts} read requests for {stalled.File} to {server}:69 and no answer came.",
            $"either the requests do not reach a TFTP server on {server} (its host's firewall drops UDP 69, or no TFTP server runs there), "
                + "or its answers, which come from a new port of its own, are dropped on the way back (a firewall that allows port 69 only, "
                + "without the nf_conntrack_tftp helper or a rule for the replies). pxekit doctor on that host names the rule; open UDP 69 and let the replies out",
            stalled);
    }

    private static bool Unanswered(BootEvent e) => e.Tftp is { Failure: TftpFailure.Stalled, Attempts: >= 2 };

    private static bool HalfWay(BootEvent e) => e.Source == EvidenceSource.Capture && e.Tftp is { Failure: TftpFailure.NoAcknowledgment, Block: > 1 };
}
