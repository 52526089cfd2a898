using PxeKit.Protocol.Dhcp;

namespace PxeKit.Server.Dhcp;

/// <summary>Turns one request into at most one reply. Full DHCP and proxyDHCP are two of these.</summary>
public interface IDhcpHandler
{
    DhcpMessage? Handle(DhcpRequestContext context);
}
