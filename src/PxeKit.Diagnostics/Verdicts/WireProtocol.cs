namespace PxeKit.Diagnostics.Verdicts;

/// <summary>The requests the capture compares with the server's sockets.</summary>
public enum WireProtocol
{
    Dhcp,
    Tftp,
}
