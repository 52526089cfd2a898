using System.Collections.Concurrent;
using PxeKit.Core.Events;

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
    private readonly Func<WireProtocol, CancellationToken, Task<string>> _explainFirewall;
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
    public SocketMissDetector(IBootJournal journal, string interfaceName, Func<WireProtocol, CancellationToken, Task<string>> explainFirewall, TimeProvider? time = null, TimeSpan? grace = null)
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
        if ((bootEvent.Mac ?? bootEvent.Address) is not { } client)
        {
            return;
        }

        if (WireProtocolOf(bootEvent.Step) is { } wire)
        {
            var key = Key(client, wire);
            if (!_diagnosed.ContainsKey(key) && _pending.TryAdd(key, true))
            {
                _ = CheckLaterAsync(client, wire, bootEvent.Time, bootEvent.Detail);
            }
        }
        else if (SocketProtocolOf(bootEvent) is { } socket)
        {
            _lastSocketSeen[Key(client, socket)] = bootEvent.Time;
        }
    }

    private const string BootServerDetail = "boot server";

    private static string Key(string client, WireProtocol protocol) => $"{client}/{protocol}";

    private static WireProtocol? WireProtocolOf(BootStep step) => step switch
    {
        BootStep.WireDhcp => WireProtocol.Dhcp,
        BootStep.WireTftp => WireProtocol.Tftp,
        BootStep.WireBootServer => WireProtocol.BootServer,
        _ => null,
    };

    /// <summary>The boot server on 4011 journals its steps as DHCP steps whose detail starts with "boot server".</summary>
    private static WireProtocol? SocketProtocolOf(BootEvent e) => e.Step switch
    {
        BootStep.DhcpAck or BootStep.DhcpIgnored when e.Detail.StartsWith(BootServerDetail, StringComparison.Ordinal) => WireProtocol.BootServer,
        BootStep.DhcpDiscover or BootStep.DhcpRequest or BootStep.DhcpIgnored or BootStep.DhcpAck or BootStep.DhcpNak
            or BootStep.DhcpInform or BootStep.DhcpDecline or BootStep.DhcpRelease or BootStep.DhcpOffer => WireProtocol.Dhcp,
        BootStep.TftpRequest or BootStep.TftpRefused or BootStep.TftpComplete or BootStep.TftpFailed => WireProtocol.Tftp,
        _ => null,
    };

    private async Task CheckLaterAsync(string client, WireProtocol protocol, DateTimeOffset seenOnWire, string evidence)
    {
        var key = Key(client, protocol);
        try
        {
            await Task.Delay(_grace, _time, _stop.Token).ConfigureAwait(false);
            if (_lastSocketSeen.TryGetValue(key, out var seen) && seen >= seenOnWire - _grace)
            {
                return;
            }

            _diagnosed[key] = true;
            var firewall = await _explainFirewall(protocol, _stop.Token).ConfigureAwait(false);
            var what = protocol switch
            {
                WireProtocol.Dhcp => "DHCP requests",
                WireProtocol.Tftp => "TFTP requests",
                _ => "PXE boot-server requests (UDP 4011)",
            };
            _journal.Record(new BootEvent
            {
                Time = _time.GetUtcNow(),
                Step = BootStep.Diagnosis,
                Mac = client.Contains(':', StringComparison.Ordinal) ? client : null,
                Address = client.Contains(':', StringComparison.Ordinal) ? null : client,
                Detail = $"{what} from {client} reach {_interface} (the capture saw: {evidence}) but never PxeKit's socket: "
                    + $"something on this host drops them before they are delivered, most likely its firewall. {firewall}",
            });
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
