using System.Collections.Concurrent;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;

namespace PxeKit.Diagnostics.Verdicts;

/// <summary>
/// The article's bug, caught as it happens: a request that the capture saw on the wire and that PxeKit's
/// socket did not see within a grace period was dropped on the host, between the interface and the socket:
/// by its firewall. Each client is diagnosed once per protocol, with the firewall's rule and the command that
/// fixes it when the firewall can be read.
/// </summary>
public sealed class SocketMissDetector : IBootEventSink, IDisposable
{
    /// <summary>How long a request may take from the wire to the socket before it counts as lost, by default.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(2);

    private readonly IBootJournal _journal;
    private readonly string _interface;
    private readonly Func<WireProtocol, CancellationToken, Task<FirewallAdvice>> _explainFirewall;
    private readonly TimeProvider _time;
    private readonly TimeSpan _grace;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSocketSeen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _diagnosed = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();

    /// <param name="journal">Where the verdict goes (the same journal this sink listens to).</param>
    /// <param name="interfaceName">The interface the capture watches, for the sentence.</param>
    /// <param name="explainFirewall">Names the responsible rules and their fix.</param>
    /// <param name="grace">How long to wait for the socket; default <see cref="DefaultGrace"/>.</param>
    public SocketMissDetector(IBootJournal journal, string interfaceName, Func<WireProtocol, CancellationToken, Task<FirewallAdvice>> explainFirewall, TimeProvider? time = null, TimeSpan? grace = null)
    {
        _grace = grace ?? DefaultGrace;
        _journal = journal;
        _interface = interfaceName;
        _explainFirewall = explainFirewall;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Checks still waiting for their grace period to end: a test waits for none to be left.</summary>
    public int Pending => _pending.Count;

    public void Write(BootEvent bootEvent)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        if ((bootEvent.Mac ?? bootEvent.Address) is not { } client)
        {
            return;
        }

        if (WireProtocolOf(bootEvent.Step) is { } wire)
        {
            var key = Key(client, wire);
            if (!_diagnosed.ContainsKey(key) && _pending.TryAdd(key, true))
            {
                _ = CheckLaterAsync(client, wire, bootEvent);
            }
        }
        else if (SocketProtocolOf(bootEvent) is { } socket)
        {
            _lastSocketSeen[Key(client, socket)] = bootEvent.Time;
        }
    }

    private static string Key(string client, WireProtocol protocol) => $"{client}/{protocol}";

    private static WireProtocol? WireProtocolOf(BootStep step) => step switch
    {
        BootStep.WireDhcp => WireProtocol.Dhcp,
        BootStep.WireTftp => WireProtocol.Tftp,
        BootStep.WireBootServer => WireProtocol.BootServer,
        _ => null,
    };

    /// <summary>What PxeKit's own sockets saw: the boot server's steps are DHCP steps on port 4011.</summary>
    private static WireProtocol? SocketProtocolOf(BootEvent e) => e switch
    {
        { Source: not EvidenceSource.Server } => null,
        { Dhcp.IsBootServer: true } => WireProtocol.BootServer,
        { Dhcp: not null } => WireProtocol.Dhcp,
        { Step: BootStep.TftpRequest or BootStep.TftpRefused or BootStep.TftpComplete or BootStep.TftpFailed } => WireProtocol.Tftp,
        _ => null,
    };

    private async Task CheckLaterAsync(string client, WireProtocol protocol, BootEvent seen)
    {
        var key = Key(client, protocol);
        try
        {
            await Task.Delay(_grace, _time, _stop.Token).ConfigureAwait(false);
            if (_lastSocketSeen.TryGetValue(key, out var socketSeen) && socketSeen >= seen.Time - _grace)
            {
                return;
            }

            _diagnosed[key] = true;
            var firewall = await _explainFirewall(protocol, _stop.Token).ConfigureAwait(false);
            var (fault, what, port) = protocol switch
            {
                WireProtocol.Dhcp => (FaultId.DhcpDroppedOnHost, "DHCP requests", 67),
                WireProtocol.Tftp => (FaultId.TftpDroppedOnHost, "TFTP requests", 69),
                _ => (FaultId.BootServerDroppedOnHost, "PXE boot-server requests (UDP 4011)", 4011),
            };
            var verdict = Verdict.Of(
                fault,
                client,
                $"{what} from {client} reach {_interface} but never PxeKit's socket: something on this host drops them before they are delivered, most likely its firewall.",
                $"The capture saw {WireEvidence.Describe(seen)}. {firewall.Seen}",
                firewall.Fix.Length > 0 ? firewall.Fix : $"let UDP {port} in to PxeKit on {_interface}",
                seen);
            _journal.Record(verdict.ToEvent(_time.GetUtcNow(), EvidenceSource.Capture));
        }
        catch (OperationCanceledException)
        {
            // The server is stopping.
        }
        finally
        {
            _pending.TryRemove(key, out _);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
