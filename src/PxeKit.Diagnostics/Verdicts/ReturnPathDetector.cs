using System.Collections.Concurrent;
using System.Net.Sockets;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;

namespace PxeKit.Diagnostics.Verdicts;

/// <summary>
/// TFTP's return path, broken: the read request reached PxeKit, but its answer could not get back. Either this host
/// refused to send it (the kernel returns EPERM when the firewall's OUTPUT chain drops a packet: certain, said at once),
/// or the first block was never acknowledged and no later transfer to that client succeeded within
/// <see cref="Patience"/> (something on the way drops TFTP that does not come from port 69). Each client is
/// diagnosed once, with the firewall's rules when this host has some that explain it.
/// </summary>
public sealed class ReturnPathDetector(IBootJournal journal, Func<CancellationToken, Task<FirewallAdvice>> explainFirewall, TimeProvider? time = null, TimeSpan? patience = null)
    : IBootEventSink, IDisposable
{
    /// <summary>How long a first-block timeout waits for a later success before it becomes a verdict.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly TimeSpan _patience = patience ?? Patience;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastComplete = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _diagnosed = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private int _pending;

    /// <summary>Diagnoses still waiting for their patience to end or the firewall to be read: a test waits for none to be left.</summary>
    public int Pending => Volatile.Read(ref _pending);

    public void Write(BootEvent bootEvent)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        if (bootEvent is not { Source: EvidenceSource.Server, Address: { } client })
        {
            return;
        }

        if (bootEvent.Step == BootStep.TftpComplete)
        {
            _lastComplete[client] = bootEvent.Time;
        }
        else if (bootEvent.Step == BootStep.TftpFailed && Kind(bootEvent) is { } refusedHere && _diagnosed.TryAdd(client, true))
        {
            Interlocked.Increment(ref _pending);
            _ = DiagnoseAsync(bootEvent, refusedHere);
        }
    }

    /// <summary>True: this host refused the send; false: the first block (or the OACK) was never acknowledged; null: another failure.</summary>
    private static bool? Kind(BootEvent failed) => failed switch
    {
        { Tftp.Failure: TftpFailure.SendRefused, SocketError: SocketError.AccessDenied } => true,
        { Tftp: { Failure: TftpFailure.NoAcknowledgment, Block: 0 or 1 } } => false,
        _ => null,
    };

    private async Task DiagnoseAsync(BootEvent failure, bool refusedHere)
    {
        var client = failure.Address!;
        try
        {
            if (!refusedHere)
            {
                await Task.Delay(_patience, _time, _stop.Token).ConfigureAwait(false);
                if (_lastComplete.TryGetValue(client, out var done) && done >= failure.Time)
                {
                    _diagnosed.TryRemove(client, out _);
                    return;
                }
            }

            var firewall = await explainFirewall(_stop.Token).ConfigureAwait(false);
            const string Helper = "load the TFTP conntrack helper so the data counts as RELATED: modprobe nf_conntrack_tftp; "
                + "iptables -t raw -A PREROUTING -p udp --dport 69 -j CT --helper tftp (and accept RELATED in OUTPUT)";
            var verdict = refusedHere
                ? Verdict.Of(
                    FaultId.TftpReturnPathBlocked,
                    failure.Mac ?? client,
                    $"TFTP read requests for {failure.File} from {client} reach PxeKit, but this host refuses to send the answer (the kernel said EPERM).",
                    $"Its firewall's OUTPUT chain drops the data, which leaves from a new port, not 69, so conntrack counts it as NEW, not ESTABLISHED. {firewall.Seen}",
                    firewall.Fix.Length > 0 ? $"{firewall.Fix}; or, to keep a strict OUTPUT chain, {Helper}" : Helper,
                    failure)
                : Verdict.Of(
                    FaultId.TftpReturnPathBlocked,
                    failure.Mac ?? client,
                    $"PxeKit sent the first block of {failure.File} to {client} and no acknowledgment came back: the request got in, the answer did not get back.",
                    "TFTP answers from a new port, not 69, so a firewall or NAT on the way (or on the client) that lets only port 69 and ESTABLISHED traffic through drops it. "
                        + firewall.Seen,
                    (firewall.Fix.Length > 0 ? firewall.Fix + "; " : "") + "where that firewall is, " + Helper + ", or let UDP from PxeKit's address through",
                    failure) with { Confidence = Confidence.Likely };
            journal.Record(verdict.ToEvent(_time.GetUtcNow(), EvidenceSource.Server) with { Address = client, File = failure.File });
        }
        catch (OperationCanceledException)
        {
            // The server is stopping.
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
