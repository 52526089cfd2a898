namespace PxeKit.Core.Events;

/// <summary>The kinds of traffic a PXE server needs its host to let through (over IPv4, or IPv6: <see cref="FirewallFacts.Family"/>).</summary>
public enum HostTraffic
{
    /// <summary>DHCP requests in (UDP 67).</summary>
    DhcpIn,

    /// <summary>TFTP read requests in (UDP 69).</summary>
    TftpIn,

    /// <summary>Requests to the PXE boot server in (UDP 4011).</summary>
    BootServerIn,

    /// <summary>HTTP boot requests in (TCP, the HTTP port).</summary>
    HttpIn,

    /// <summary>DHCP replies out (UDP 67 to 68).</summary>
    DhcpOut,

    /// <summary>TFTP data out from a new port, and the acknowledgments back to it: TFTP's return path.</summary>
    TftpOut,

    /// <summary>DHCPv6 requests in (UDP 546 to 547).</summary>
    Dhcp6In,

    /// <summary>DHCPv6 replies out (UDP 547 to 546).</summary>
    Dhcp6Out,

    /// <summary>
    /// ICMPv6 neighbour discovery both ways (solicitations and advertisements, types 135 and 136): without it no IPv6
    /// packet reaches a neighbour, so nothing over IPv6 works.
    /// </summary>
    NeighborDiscovery,

    /// <summary>ICMPv6 router solicitations in and router advertisements out (types 133 and 134), when PxeKit sends advertisements.</summary>
    RouterDiscovery,
}
