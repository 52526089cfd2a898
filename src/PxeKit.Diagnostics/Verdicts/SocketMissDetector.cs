using System.Collections.Concurrent;
using PxeKit.Server.Journal;

namespace PxeKit.Diagnostics.Verdicts;

/// <summary>
/// The article's bug, caught as it happens: a DHCP request that the capture saw on the wire and that
/// PxeKit's socket did not see within a grace period was dropped on the host, between the interface
/// and the socket: by its firewall. Each client is diagnosed once, with the firewall's rule and the
/// command that fixes it when the firewall can be read.
/// </summary>
public sealed class SocketMissDetector : IBootEventSink, IDisposable
{
    /// <summary>How long a request may take from the wire to the socket before it counts as lost, by default.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(2);

    private readonly IBootJournal _journal;
    private readonly string _interface;
    private readonly Func<CancellationToken, Task<string>> _explainFirewall;
    private readonly TimeProvider _time;
    private readonly TimeSpan _grace;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSocketSeen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _diagnosed = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();

    /// <param name="journal">Where the verdict goes (the same journal this sink listens to).</param>
    /// <param name="interfaceName">The interface the capture watches, for the sentence.</param>
    /// <param name="explainFirewall">Names the responsible rules and their fix, in sentences.</param>
    /// <param name="grace">How long to wait for the socket; default <see cref="DefaultGrace"/>.</param>
    public SocketMissDetector(IBootJournal journal, string interfaceName, Func<CancellationToken, Task<string>> explainFirewall, TimeProvider? time = null, TimeSpan? grace = null)
    {
        _grace = grace ?? DefaultGrace;
        _journal = journal;
        _interface = interfaceName;
        _explainFirewall = explainFirewall;
        _time = time ?? TimeProvider.System;
    }

    public void Write(BootEvent bootEvent)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        if (bootEvent.Mac is not { } mac)
        {
            return;
        }

        if (bootEvent.Step == BootStep.WireDhcp)
        {
            if (!_diagnosed.ContainsKey(mac) && _pending.TryAdd(mac, true))
            {
                _ = CheckLaterAsync(mac, bootEvent.Time, bootEvent.Detail);
            }
        }
        else if (IsSocketStep(bootEvent.Step))
        {
            _lastSocketSeen[mac] = bootEvent.Time;
        }
    }

    private static bool IsSocketStep(BootStep step) => step is BootStep.DhcpDiscover or BootStep.DhcpRequest or BootStep.DhcpIgnored
        or BootStep.DhcpAck or BootStep.DhcpNak or BootStep.DhcpInform or BootStep.DhcpDecline or BootStep.DhcpRelease or BootStep.DhcpOffer;

    private async Task CheckLaterAsync(string mac, DateTimeOffset seenOnWire, string evidence)
    {
        try
        {
            await Task.Delay(_grace, _time, _stop.Token).ConfigureAwait(false);
            if (_lastSocketSeen.TryGetValue(mac, out var seen) && seen >= seenOnWire - _grace)
            {
                return;
            }

            _diagnosed[mac] = true;
            var firewall = await _explainFirewall(_stop.Token).ConfigureAwait(false);
            _journal.Record(new BootEvent
            {
                Time = _time.GetUtcNow(),
                Step = BootStep.Diagnosis,
                Mac = mac,
                Detail = $"DHCP requests from {mac} reach {_interface} (the capture saw: {evidence}) but never PxeKit's socket: "
                    + $"something on this host drops them before they are delivered, most likely its firewall. {firewall}",
            });
        }
        catch (OperationCanceledException)
        {
            // The server is stopping.
        }
        finally
        {
            _pending.TryRemove(mac, out _);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
