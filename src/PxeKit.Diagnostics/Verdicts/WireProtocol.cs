namespace PxeKit.Diagnostics.Verdicts;

/// <summary>The requests the capture compares with the server's sockets.</summary>
public enum WireProtocol
{
    Dhcp,
    Tftp,

    /// <summary>Requests to the PXE boot server on UDP 4011 (UEFI firmware after a proxyDHCP offer, PXE 2.1 section 2.2.2).</summary>
    BootServer,
}
