using System.Net;
using PxeKit.Core.Capture;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Trace;

/// <summary>
/// Turns captured frames into per-client boot stories: each DHCP, DHCPv6, IPv6 router discovery, TFTP and HTTP step becomes a
/// <see cref="BootEvent"/> with the same vocabulary the server journals, grouped by client MAC (TFTP and
/// HTTP peers are tied to the MAC by the address DHCP gave them). The same object serves a file read
/// start to end and a live capture: <see cref="Add"/> each frame in time order, <see cref="Tick"/> now and
/// then while live, <see cref="Finish"/> at the end; each returns the events it produced. Not thread-safe:
/// feed it from one thread.
/// </summary>
public sealed partial class TraceAnalyzer
{
    private const int DhcpServerPort = 67;
    private const int DhcpClientPort = 68;
    private const int BootServerPort = 4011;

    private readonly TraceAnalyzerOptions _options;
    private readonly string? _mac;
    private readonly List<ClientTrace> _clients = [];
    private readonly Dictionary<string, ClientTrace> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<IPAddress, string> _macByAddress = [];
    private readonly List<BootEvent> _produced = [];
    private DateTimeOffset _lastTime;

    public TraceAnalyzer(TraceAnalyzerOptions? options = null)
    {
        _options = options ?? new TraceAnalyzerOptions();
        _mac = _options.Mac is { } mac && MacAddress.TryParse(mac, out var bytes) ? MacAddress.Format(bytes) : _options.Mac?.ToLowerInvariant();
    }

    /// <summary>Frames read so far.</summary>
    public int Frames { get; private set; }

    /// <summary>Frames that carried DHCP (either version), TFTP or HTTP and were decoded.</summary>
    public int BootFrames { get; private set; }

    /// <summary>Time of the first and last frame.</summary>
    public DateTimeOffset? FirstFrame { get; private set; }

    public DateTimeOffset? LastFrame => Frames > 0 ? _lastTime : null;

    /// <summary>Every client seen (or only the one of <see cref="TraceAnalyzerOptions.Mac"/>), in the order they first appeared.</summary>
    public IReadOnlyList<ClientTrace> Clients => _mac is null ? _clients : _clients.Where(c => c.Mac == _mac).ToList();

    /// <summary>Reads one frame; returns the events it completed (often none).</summary>
    public IReadOnlyList<BootEvent> Add(in CapturedFrame frame)
    {
        _produced.Clear();
        Frames++;
        FirstFrame ??= frame.Time;
        _lastTime = frame.Time > _lastTime ? frame.Time : _lastTime;
        if (FrameDecoder.TryDecode(frame, out var segment))
        {
            if (segment.Transport == WireTransport.Icmpv6)
            {
                OnIcmpv6(segment);
            }
            else if (segment.IsTcp)
            {
                OnTcp(segment);
            }
            else if (IsDhcp6(segment))
            {
                OnDhcp6(segment);
            }
            else if (segment.DestinationPort is DhcpServerPort or DhcpClientPort or BootServerPort
                || segment.SourcePort is DhcpServerPort or BootServerPort && segment.DestinationPort is DhcpClientPort or BootServerPort)
            {
                OnDhcp(segment);
            }
            else
            {
                OnTftp(segment);
            }
        }

        return Produced();
    }

    /// <summary>Ends transfers that have been quiet longer than <see cref="TraceAnalyzerOptions.StallAfter"/>, as of <paramref name="now"/>.</summary>
    public IReadOnlyList<BootEvent> Tick(DateTimeOffset now)
    {
        _produced.Clear();
        foreach (var transfer in _active.Values.Where(t => now - t.LastActivity > _options.StallAfter).ToList())
        {
            Stall(transfer, ended: false);
        }

        return Produced();
    }

    /// <summary>The capture is over: every unfinished transfer is reported as such.</summary>
    public IReadOnlyList<BootEvent> Finish()
    {
        _produced.Clear();
        foreach (var transfer in _active.Values.ToList())
        {
            Stall(transfer, ended: true);
        }

        foreach (var request in _httpRequests.Values.ToList())
        {
            HttpUnanswered(request);
        }

        return Produced();
    }

    private List<BootEvent> Produced() =>
        _mac is null ? [.. _produced] : _produced.Where(e => e.Mac == _mac).ToList();

    private void Record(ClientTrace client, BootEvent bootEvent)
    {
        client.Add(bootEvent);
        _produced.Add(bootEvent);
    }

    private ClientTrace ClientByMac(string mac)
    {
        if (!_byKey.TryGetValue(mac, out var client))
        {
            client = new ClientTrace(mac, mac);
            _byKey[mac] = client;
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>The client behind an address: its MAC's story when DHCP tied them, else a story of its own.</summary>
    private ClientTrace ClientByAddress(IPAddress address)
    {
        if (_macByAddress.TryGetValue(address, out var mac))
        {
            return ClientByMac(mac);
        }

        var key = address.ToString();
        if (!_byKey.TryGetValue(key, out var client))
        {
            client = new ClientTrace(key, null) { Address = key };
            _byKey[key] = client;
            _clients.Add(client);
        }

        return client;
    }

    private void Learn(IPAddress address, string mac, ClientTrace client)
    {
        if (address.Equals(IPAddress.Any))
        {
            return;
        }

        _macByAddress[address] = mac;
        client.Address = address.ToString();
    }
}
