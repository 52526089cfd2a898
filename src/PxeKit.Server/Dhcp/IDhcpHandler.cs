using PxeKit.Protocol.Dhcp;

namespace PxeKit.Server.Dhcp;

/// <summary>Turns one request into at most one reply. Full DHCP and proxyDHCP are two of these.</summary>
public interface IDhcpHandler
{
    DhcpMessage? Handle(DhcpRequestContext context);

    /// <summary>
    /// The reply, for a handler that may wait for something (the shared lease database) before it knows it: the listener
    /// goes on with other requests while one is not complete. A handler that never waits answers at once.
    /// </summary>
    ValueTask<DhcpMessage?> HandleAsync(DhcpRequestContext context) => new(Handle(context));
}
