namespace PxeKit.Host;

/// <summary>How PxeKit takes part in DHCP on its interface.</summary>
public enum ServeMode
{
    /// <summary>PxeKit is the DHCP server: it hands out addresses and boot information.</summary>
    Full,
    /// <summary>ProxyDHCP: another server hands out addresses; PxeKit adds boot information for PXE clients.</summary>
    Proxy,
    /// <summary>No DHCP at all: TFTP and HTTP only.</summary>
    None,
}
