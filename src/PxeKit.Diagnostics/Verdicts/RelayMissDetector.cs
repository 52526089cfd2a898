using System.Collections.Concurrent;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;

namespace PxeKit.Diagnostics.Verdicts;

/// <summary>
/// Fault j: a DHCP relay that forwards a network's requests to the DHCP server but not to PxeKit. The capture sees the
/// relay's unicast copy to the other server cross PxeKit's segment, and PxeKit's socket never gets one for that machine
/// within a grace period. Said once per relay and server, with the fix: PxeKit as one more destination on the relay.
/// </summary>
public sealed class RelayMissDetector(IBootJournal journal, string serverAddress, TimeProvider? time = null, TimeSpan? grace = null) : IBootEventSink, IDisposable
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly TimeSpan _grace = grace ?? SocketMissDetector.DefaultGrace;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _socketSeen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _said = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();

    public void Write(BootEvent bootEvent)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        if (bootEvent.Mac is not { } mac)
        {
            return;
        }

        if (bootEvent is { Step: BootStep.WireDhcpForwarded, Server: { } other } && !_said.ContainsKey(other))
        {
            _ = CheckLaterAsync(mac, other, bootEvent);
        }
        else if (bootEvent is { Source: EvidenceSource.Server, Step: BootStep.DhcpDiscover or BootStep.DhcpRequest or BootStep.DhcpIgnored or BootStep.DhcpInform })
        {
            _socketSeen[mac] = bootEvent.Time;
        }
    }

    private async Task CheckLaterAsync(string mac, string other, BootEvent forwarded)
    {
        try
        {
            await Task.Delay(_grace, _time, _stop.Token).ConfigureAwait(false);
            if ((_socketSeen.TryGetValue(mac, out var seen) && seen >= forwarded.Time - _grace) || !_said.TryAdd(other, true))
            {
                return;
            }

            var verdict = Verdict.Of(
                FaultId.RelaySkipsPxeKit,
                mac,
                $"A DHCP relay forwards the requests of {mac} to {other} only, never to PxeKit ({serverAddress}).",
                $"The capture saw {WireEvidence.Describe(forwarded)}, and no copy reached PxeKit's socket. The machine gets its address from {other} and never hears of a boot file.",
                $"add PxeKit as one more destination on the relay (dhcrelay {other} {serverAddress}; on a router, ip helper-address {serverAddress} beside the one for {other}).",
                forwarded);
            journal.Record(verdict.ToEvent(_time.GetUtcNow(), EvidenceSource.Capture));
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
