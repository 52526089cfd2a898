using System.Globalization;
using PxeKit.Core.Events;

namespace PxeKit.Diagnostics.Firewall;

/// <summary>
/// "Would the firewall drop this packet?": IPv4 <paramref name="Protocol"/> to destination port
/// <paramref name="Port"/> (up to <see cref="LastPort"/>), crossing the host in <paramref name="Direction"/>.
/// <paramref name="Why"/> names the traffic for people, e.g. "DHCP requests to PxeKit".
/// </summary>
public sealed record FirewallQuestion(TransportProtocol Protocol, int Port, TrafficDirection Direction, string Why)
{
    /// <summary>The last destination port asked about; defaults to <see cref="Port"/> (one port).</summary>
    public int LastPort { get; init; } = Port;

    /// <summary>The packet's source port when PxeKit knows it (DHCP: 68 to 67, 67 to 68); null when it is any.</summary>
    public int? SourcePort { get; init; }

    /// <summary>The packet's conntrack state, which <c>--state</c> / <c>ct state</c> rules test. Defaults to NEW.</summary>
    public ConnectionState State { get; init; } = ConnectionState.New;

    /// <summary>Which of PxeKit's kinds of traffic the question is about, for the questions PxeKit asks of its own.</summary>
    public HostTraffic? Traffic { get; init; }

    internal PortRange Ports => new(Port, LastPort);

    /// <summary>For people: <c>UDP 67 in</c>, <c>UDP 1024-65535 out</c>.</summary>
    public string Describe()
    {
        var way = Direction switch
        {
            TrafficDirection.Incoming => "in",
            TrafficDirection.Outgoing => "out",
            _ => "forwarded",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{Protocol.ToString().ToUpperInvariant()} {Ports} {way}");
    }

    /// <summary>
    /// What a PxeKit server needs from its own host: DHCP, TFTP, the PXE boot server and HTTP in; DHCP replies
    /// and TFTP data out. The outgoing packets are NEW to conntrack, so an <c>ESTABLISHED,RELATED</c> accept
    /// does not let them through: an OFFER goes to the broadcast address or the offered address, which does
    /// not match the DISCOVER's conntrack entry (0.0.0.0 to 255.255.255.255); each TFTP session sends from its
    /// own new port, so its first DATA packet starts a new flow (unless the conntrack tftp helper is assigned).
    /// </summary>
    public static IReadOnlyList<FirewallQuestion> ForPxeServer() =>
    [
        new(TransportProtocol.Udp, 67, TrafficDirection.Incoming, "DHCP requests to PxeKit") { SourcePort = 68, Traffic = HostTraffic.DhcpIn },
        new(TransportProtocol.Udp, 69, TrafficDirection.Incoming, "TFTP read requests to PxeKit") { Traffic = HostTraffic.TftpIn },
        new(TransportProtocol.Udp, 4011, TrafficDirection.Incoming, "PXE boot-server requests (port 4011) to PxeKit") { Traffic = HostTraffic.BootServerIn },
        new(TransportProtocol.Tcp, 80, TrafficDirection.Incoming, "HTTP boot requests to PxeKit") { Traffic = HostTraffic.HttpIn },
        new(TransportProtocol.Udp, 68, TrafficDirection.Outgoing, "DHCP replies from PxeKit to clients") { SourcePort = 67, Traffic = HostTraffic.DhcpOut },
        new(TransportProtocol.Udp, 1024, TrafficDirection.Outgoing, "TFTP data from PxeKit to clients (the return path)")
        {
            LastPort = PortRange.Highest,
            Traffic = HostTraffic.TftpOut,
        },
    ];

    /// <summary>
    /// The same traffic seen by a host that only passes it on (PxeKit in a VM or namespace behind this host's
    /// bridge or router): the <see cref="ForPxeServer"/> questions, forwarded.
    /// </summary>
    public static IReadOnlyList<FirewallQuestion> ForForwardedPxeServer() =>
        [.. ForPxeServer().Select(q => q with { Direction = TrafficDirection.Forwarded })];
}
