namespace PxeKit.Host.Management;

/// <summary>The HTTP boot server's settings; absent from <see cref="ConfigReply"/> when it is off.</summary>
public sealed record HttpEntry(int Port, int MaxConnections, int MaxConnectionsPerAddress);
