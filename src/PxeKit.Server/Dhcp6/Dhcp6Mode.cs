namespace PxeKit.Server.Dhcp6;

/// <summary>How PxeKit serves DHCPv6 on a link.</summary>
public enum Dhcp6Mode
{
    /// <summary>PxeKit is the link's DHCPv6 server: it gives IA_NA addresses from its range, and boot options.</summary>
    Full,
    /// <summary>Beside the link's own DHCPv6 server: boot options only, never an address (as proxyDHCP for v4).</summary>
    BootOnly,
}
