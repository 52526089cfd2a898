using System.Net;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Server.Dhcp;

/// <summary>A decoded request, where it came from, and the port it arrived on (67, or 4011 for boot-server requests).</summary>
public sealed record DhcpRequestContext(DhcpMessage Request, string Interface, IPEndPoint Source, int LocalPort = DhcpConstants.ServerPort)
{
    public string Mac => Request.ClientMac;
}
