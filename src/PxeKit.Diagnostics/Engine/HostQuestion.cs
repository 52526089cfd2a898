namespace PxeKit.Diagnostics.Engine;

/// <summary>What a rule asks of the host's firewall.</summary>
public enum HostQuestion
{
    /// <summary>Does it drop DHCP requests (UDP 67 in)?</summary>
    DhcpIn,

    /// <summary>Does it drop TFTP read requests (UDP 69 in)?</summary>
    TftpIn,

    /// <summary>Does it drop PXE boot-server requests (UDP 4011 in)?</summary>
    BootServerIn,

    /// <summary>Does it drop TFTP data out from a new port, or the acknowledgments back in?</summary>
    TftpReturnPath,
}
