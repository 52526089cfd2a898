using System.Net;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Server.Dhcp;

/// <summary>A decoded request and where it came from.</summary>
public sealed record DhcpRequestContext(DhcpMessage Request, string Interface, IPEndPoint Source)
{
    public string Mac => Request.ClientMac;
}
