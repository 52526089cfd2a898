using System.Net;

namespace PxeKit.Host.Tests;

/// <summary>A host on loopback: TFTP on a port the system picks, no DHCP, no capture, no HTTP, leases in memory.</summary>
internal static class LoopbackSettings
{
    public static ServeSettings Serving(string root) => new()
    {
        Interface = "lo",
        ServerAddress = IPAddress.Loopback,
        Root = root,
        Mode = ServeMode.None,
        HttpPort = null,
        TftpPort = 0,
        LeaseDb = ":memory:",
        Capture = false,
    };
}
