using System.Net;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Doctor;

/// <summary>One reply to a probe DISCOVER: who sent it, for which firmware, and what it offered.</summary>
/// <param name="Asked">The architecture the probe played.</param>
/// <param name="Server">The server identifier (option 54), or the source address when there is none.</param>
/// <param name="Offered">The address offered; <see cref="IPAddress.Any"/> from a proxyDHCP server.</param>
/// <param name="BootFile">The boot file (field or option 67); empty when none.</param>
/// <param name="NextServer">siaddr, or option 66 when set.</param>
/// <param name="Port">The port the reply came from: 67, or 4011 for a boot server's answer.</param>
public sealed record ProbeAnswer(ClientArchitecture Asked, IPAddress Server, IPAddress Offered, string BootFile, string NextServer, bool PxeClientTagged, int Port)
{
    /// <summary>A proxyDHCP offer: boot information without an address.</summary>
    public bool IsProxy => Offered.Equals(IPAddress.Any);

    public static ProbeAnswer From(ClientArchitecture asked, DhcpMessage reply, IPEndPoint from)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(from);
        var file = reply.BootFile.Length > 0 ? reply.BootFile : reply.GetString(DhcpOptionCode.BootFileName) ?? "";
        var next = reply.GetString(DhcpOptionCode.TftpServerName) is { Length: > 0 } name ? name
            : reply.ServerAddress.Equals(IPAddress.Any) ? "" : reply.ServerAddress.ToString();
        return new ProbeAnswer(asked, reply.ServerIdentifier ?? from.Address, reply.YourAddress, file, next, reply.IsPxeClient, from.Port);
    }

    /// <summary>For people: <c>offer of 10.47.0.81, boot file pxelinux.0 from 10.47.0.1</c>.</summary>
    public string Describe()
    {
        var what = Port == 4011 ? "boot-server answer (port 4011)" : IsProxy ? "proxyDHCP offer (no address)" : $"offer of {Offered}";
        var boot = BootFile.Length > 0 ? $"boot file {BootFile}" + (NextServer.Length > 0 ? $" from {NextServer}" : "") : "no boot file";
        return $"{what}, {boot}";
    }
}
