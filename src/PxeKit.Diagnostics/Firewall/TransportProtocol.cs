namespace PxeKit.Diagnostics.Firewall;

/// <summary>The transport a <see cref="FirewallQuestion"/> asks about.</summary>
public enum TransportProtocol
{
    Udp,
    Tcp,
}
