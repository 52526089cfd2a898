using System.Collections.Concurrent;
using PxeKit.Core.Events;

namespace PxeKit.Diagnostics.Verdicts;

/// <summary>
/// TFTP's return path, broken: the read request reached PxeKit, but its answer could not get back. Either this host
/// refused to send it (the kernel returns EPERM when the firewall's OUTPUT chain drops a packet: certain, said at once),
/// or the first block was never acknowledged and no later transfer to that client succeeded within
/// <see cref="Patience"/> (something on the way drops TFTP that does not come from port 69). Each client is
/// diagnosed once, with the firewall's rules when this host has some that explain it.
/// </summary>
public sealed class ReturnPathDetector(IBootJournal journal, Func<CancellationToken, Task<string>> explainFirewall, TimeProvider? time = null, TimeSpan? patience = null)
    : IBootEventSink, IDisposable
{
    /// <summary>How long a first-block timeout waits for a later success before it becomes a verdict.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly TimeSpan _patience = patience ?? Patience;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastComplete = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _diagnosed = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();

    public void Write(BootEvent bootEvent)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        if (bootEvent.Address is not { } client)
        {
            return;
        }

        if (bootEvent.Step == BootStep.TftpComplete)
        {
            _lastComplete[client] = bootEvent.Time;
        }
        else if (bootEvent.Step == BootStep.TftpFailed && Kind(bootEvent.Detail) is { } kind && _diagnosed.TryAdd(client, true))
        {
            _ = DiagnoseAsync(bootEvent, kind);
        }
    }

    private static bool? Kind(string detail) =>
        detail.Contains("socket error AccessDenied", StringComparison.Ordinal) ? true
        : detail.StartsWith("no acknowledgment of block 0 ", StringComparison.Ordinal) || detail.StartsWith("no acknowledgment of block 1 ", StringComparison.Ordinal) ? false
        : null;

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
            var detail = refusedHere
                ? $"TFTP read requests for {failure.File} from {client} reach PxeKit, but this host refuses to send the answer (the kernel said EPERM): "
                    + $"its firewall's OUTPUT chain drops the data, which leaves from a new port, not 69, so conntrack counts it as NEW, not ESTABLISHED. {firewall} "
                    + "To keep a strict OUTPUT chain instead, let the TFTP conntrack helper mark the data as RELATED: "
                    + "modprobe nf_conntrack_tftp; iptables -t raw -A PREROUTING -p udp --dport 69 -j CT --helper tftp (and accept RELATED in OUTPUT)."
                : $"PxeKit sent the first block of {failure.File} to {client} and no acknowledgment came back ({failure.Detail}): the request got in, the answer did not get back. "
                    + "TFTP answers from a new port, not 69, so a firewall or NAT on the way (or on the client) that lets only port 69 and ESTABLISHED traffic through drops it; "
                    + $"there, load the TFTP conntrack helper (modprobe nf_conntrack_tftp, and a CT rule assigning it) or let UDP from PxeKit's address through. {firewall}";
            journal.Record(new BootEvent { Time = _time.GetUtcNow(), Step = BootStep.Diagnosis, Address = client, File = failure.File, Detail = detail });
        }
        catch (OperationCanceledException)
        {
            // The server is stopping.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
