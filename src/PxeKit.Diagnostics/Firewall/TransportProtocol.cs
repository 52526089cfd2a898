namespace PxeKit.Diagnostics.Firewall;

/// <summary>The transport a <see cref="FirewallQuestion"/> asks about.</summary>
public enum TransportProtocol
{
    Udp,
    Tcp,

    /// <summary>ICMPv6 (IPv6 next header 58); its questions ask about a message type rather than a port.</summary>
    Icmpv6,
}
