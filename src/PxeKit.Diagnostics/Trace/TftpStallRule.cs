using PxeKit.Core.Verdicts;
namespace PxeKit.Diagnostics.Trace;

/// <summary>
/// A TFTP transfer that stalled: read requests to port 69 that nothing answers (port 69 blocked, or no
/// server), or a server whose DATA never gets an ACK back (the return path to the transfer port blocked).
/// </summary>
public sealed class TftpStallRule : IWireRule
{
    public IEnumerable<Verdict> Check(ClientTrace client, IReadOnlyList<ClientTrace> everyone)
    {
        ArgumentNullException.ThrowIfNull(client);
        var delivered = client.Transfers.Where(t => t.Outcome == TftpOutcome.Complete).Select(t => t.File).ToHashSet(StringComparer.Ordinal);
        foreach (var t in client.Transfers.Where(t => t.Outcome == TftpOutcome.Stalled && !delivered.Contains(t.File)).DistinctBy(t => t.File))
        {
            if (t.ServerPort == 0 && t.Requests >= 2)
            {
                yield return Verdict.Of(
                    FaultId.TftpStalled,
                    client.Key,
                    $"Nothing answered the TFTP requests for {t.File}.",
                    $"{client.Key} sent {t.Requests} read requests for {t.File} to {t.Server}:69 and no answer appears in the capture.",
                    $"Either the requests do not reach a TFTP server on {t.Server} (its host's firewall drops UDP 69, or no TFTP server runs there), "
                    + "or its answers, which come from a new port of its own, are dropped on the way back (a firewall that allows port 69 only, "
                    + "without the nf_conntrack_tftp helper or a rule for the replies). pxekit doctor on that host names the rule; open UDP 69 and let the replies out.");
            }
            else if (t.ServerPort != 0 && t.DataAcks == 0 && (t.DataPackets > 0 || t.OptionAcknowledged))
            {
                var sent = t.DataPackets > 0 ? $"sent DATA block 1 of {t.File} {t.LastBlockSends} times" : $"answered the request for {t.File} with an OACK";
                yield return Verdict.Of(
                    FaultId.TftpReturnPathBlocked,
                    client.Key,
                    $"The TFTP transfer of {t.File} gets no acknowledgement back.",
                    $"{t.Server} {sent} from its transfer port {t.ServerPort}, and no ACK from {client.Key} reached it.",
                    $"The server answers from a new port, and the way back is blocked: either its replies do not reach the client or the client's ACKs "
                    + $"to port {t.ServerPort} are dropped. On the server host let related UDP in (the nf_conntrack_tftp helper with a RELATED rule, "
                    + "or accept UDP from the clients to the server's high ports), and check firewalls between the two.");
            }
            else if (t.LastBlock > 0)
            {
                yield return Verdict.Of(
                    FaultId.TftpStalled,
                    client.Key,
                    $"The TFTP transfer of {t.File} stopped half way.",
                    $"{t.Server} sent {t.LastBlock} blocks ({t.Bytes} bytes) of {t.File}; the last one went out {t.LastBlockSends} times without an acknowledgement.",
                    "The link dropped or the client gave up: look for packet loss or a block size too large for the path (try a smaller blksize or MTU).");
            }
        }
    }
}
