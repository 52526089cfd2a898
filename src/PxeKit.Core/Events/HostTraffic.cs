namespace PxeKit.Core.Events;

/// <summary>The kinds of traffic a PXE server needs its host to let through.</summary>
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
}
