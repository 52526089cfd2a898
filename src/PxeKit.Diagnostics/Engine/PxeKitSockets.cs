namespace PxeKit.Diagnostics.Engine;

/// <summary>Which of PxeKit's own sockets listen beside the capture.</summary>
[Flags]
public enum PxeKitSockets
{
    None = 0,

    /// <summary>DHCP on UDP 67 (full or proxy mode).</summary>
    Dhcp = 1,

    /// <summary>The PXE boot server on UDP 4011 (with DHCP).</summary>
    BootServer = 2,

    /// <summary>TFTP on UDP 69.</summary>
    Tftp = 4,

    /// <summary>DHCPv6 on UDP 547 (serve's <c>dhcp6:</c>).</summary>
    Dhcp6 = 8,
}
