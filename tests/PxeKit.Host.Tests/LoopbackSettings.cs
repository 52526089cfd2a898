using System.Net;

namespace PxeKit.Host.Tests;

/// <summary>The host the tests embed: TFTP on loopback on a port the system picks; no DHCP, no capture, no HTTP, no lease file.</summary>
internal static class LoopbackSettings
{
    public static ServeSettings TftpOnly(string root) => new()
    {
        Interfaces = [new ServedInterface("lo", IPAddress.Loopback)],
        Root = root,
        Mode = ServeMode.None,
        HttpPort = null,
        TftpPort = 0,
        LeaseDb = ":memory:",
        Capture = false,
    };
}
