namespace PxeKit.Server.Dhcp;

/// <summary>One listening socket: an interface, a port (67 or 4011) and the handler behind it.</summary>
public sealed record DhcpBinding(string Interface, int Port, IDhcpHandler Handler);
