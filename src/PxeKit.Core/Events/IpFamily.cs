namespace PxeKit.Core.Events;

/// <summary>The IP version of some traffic: PxeKit serves DHCP, TFTP and HTTP over IPv4, and DHCPv6, TFTP and HTTP over IPv6.</summary>
public enum IpFamily
{
    Ipv4,
    Ipv6,
}
