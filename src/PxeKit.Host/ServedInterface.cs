using System.Net;

namespace PxeKit.Host;

/// <summary>An interface <c>serve</c> listens on, and PxeKit's IPv4 address on it (the address of its scope).</summary>
public sealed record ServedInterface(string Name, IPAddress Address);
