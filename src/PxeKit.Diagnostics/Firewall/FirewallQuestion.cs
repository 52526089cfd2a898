using System.Globalization;
using PxeKit.Core.Events;

namespace PxeKit.Diagnostics.Firewall;

/// <summary>
/// "Would the firewall drop this packet?": <paramref name="Protocol"/> over <see cref="Family"/> to destination port
/// <paramref name="Port"/> (up to <see cref="LastPort"/>), crossing the host in <paramref name="Direction"/>. For
/// <see cref="TransportProtocol.Icmpv6"/>, which has no ports, <paramref name="Port"/> is the message type (135 for a
/// neighbour solicitation; see <see cref="Icmpv6"/>). <paramref name="Why"/> names the traffic for people, e.g. "DHCP
/// requests to PxeKit".
/// </summary>
public sealed record FirewallQuestion(TransportProtocol Protocol, int Port, TrafficDirection Direction, string Why)
{
    /// <summary>The IP version of the packet: iptables and nft <c>ip</c> tables see IPv4, ip6tables and nft <c>ip6</c> tables IPv6, nft <c>inet</c> tables both.</summary>
    public IpFamily Family { get; init; } = IpFamily.Ipv4;

    /// <summary>The last destination port asked about; defaults to <see cref="Port"/> (one port).</summary>
    public int LastPort { get; init; } = Port;

    /// <summary>The packet's source port when PxeKit knows it (DHCP: 68 to 67, 67 to 68); null when it is any.</summary>
    public int? SourcePort { get; init; }

    /// <summary>The packet's conntrack state, which <c>--state</c> / <c>ct state</c> rules test. Defaults to NEW.</summary>
    public ConnectionState State { get; init; } = ConnectionState.New;

    /// <summary>Which of PxeKit's kinds of traffic the question is about, for the questions PxeKit asks of its own.</summary>
    public HostTraffic? Traffic { get; init; }

    internal PortRange Ports => new(Port, LastPort);

    /// <summary>For people: <c>UDP 67 in</c>, <c>UDP 1024-65535 out</c>, <c>UDP 547 in over IPv6</c>, <c>ICMPv6 type 135 in</c>.</summary>
    public string Describe()
    {
        var way = Direction switch
        {
            TrafficDirection.Incoming => "in",
            TrafficDirection.Outgoing => "out",
            _ => "forwarded",
        };
        return Protocol == TransportProtocol.Icmpv6
            ? string.Create(CultureInfo.InvariantCulture, $"ICMPv6 type {Port} {way}")
            : string.Create(CultureInfo.InvariantCulture, $"{Protocol.ToString().ToUpperInvariant()} {Ports} {way}{(Family == IpFamily.Ipv6 ? " over IPv6" : "")}");
    }

    /// <summary>
    /// An ICMPv6 message of <paramref name="type"/> (RFC 4443, RFC 4861). Conntrack leaves neighbour and router discovery
    /// (types 133 to 137) untracked, so neither an <c>ESTABLISHED,RELATED</c> accept nor an <c>INVALID</c> drop sees them.
    /// </summary>
    public static FirewallQuestion Icmpv6(int type, TrafficDirection direction, string why) =>
        new(TransportProtocol.Icmpv6, type, direction, why)
        {
            Family = IpFamily.Ipv6,
            State = type is >= 133 and <= 137 ? ConnectionState.Untracked : ConnectionState.New,
        };

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
    /// What a PxeKit server serving DHCPv6 needs from its host: DHCPv6 requests in (546 to 547) and replies out (547 to
    /// 546: a reply to a multicast Solicit is NEW to conntrack, as a DHCPv4 OFFER is), TFTP and HTTP over IPv6 as over
    /// IPv4, neighbour discovery both ways, and, when it sends router advertisements, solicitations in and advertisements out.
    /// </summary>
    public static IReadOnlyList<FirewallQuestion> ForPxeServerIpv6(bool routerAdvertisements) =>
    [
        new(TransportProtocol.Udp, 547, TrafficDirection.Incoming, "DHCPv6 requests to PxeKit") { SourcePort = 546, Family = IpFamily.Ipv6, Traffic = HostTraffic.Dhcp6In },
        new(TransportProtocol.Udp, 546, TrafficDirection.Outgoing, "DHCPv6 replies from PxeKit to clients") { SourcePort = 547, Family = IpFamily.Ipv6, Traffic = HostTraffic.Dhcp6Out },
        .. ForPxeServer().Where(q => q.Traffic is HostTraffic.TftpIn or HostTraffic.HttpIn or HostTraffic.TftpOut).Select(q => q with { Family = IpFamily.Ipv6 }),
        Icmpv6(135, TrafficDirection.Incoming, "neighbour solicitations to this host") with { Traffic = HostTraffic.NeighborDiscovery },
        Icmpv6(136, TrafficDirection.Incoming, "neighbour advertisements to this host") with { Traffic = HostTraffic.NeighborDiscovery },
        Icmpv6(135, TrafficDirection.Outgoing, "neighbour solicitations from this host") with { Traffic = HostTraffic.NeighborDiscovery },
        Icmpv6(136, TrafficDirection.Outgoing, "neighbour advertisements from this host") with { Traffic = HostTraffic.NeighborDiscovery },
        .. routerAdvertisements
            ? (FirewallQuestion[])
            [
                Icmpv6(133, TrafficDirection.Incoming, "router solicitations to PxeKit") with { Traffic = HostTraffic.RouterDiscovery },
                Icmpv6(134, TrafficDirection.Outgoing, "router advertisements from PxeKit") with { Traffic = HostTraffic.RouterDiscovery },
            ]
            : [],
    ];

    /// <summary>
    /// The same traffic seen by a host that only passes it on (PxeKit in a VM or namespace behind this host's
    /// bridge or router): the <see cref="ForPxeServer"/> questions, forwarded.
    /// </summary>
    public static IReadOnlyList<FirewallQuestion> ForForwardedPxeServer() =>
        [.. ForPxeServer().Select(q => q with { Direction = TrafficDirection.Forwarded })];
}
