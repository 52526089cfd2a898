using System.Net;

namespace PxeKit.Server.Dhcp6;

/// <summary>
/// A received datagram, where it came from, and PxeKit's address on the link as clients reach it (a global or
/// unique-local address: boot URLs name it).
/// </summary>
public sealed record Dhcp6RequestContext(ReadOnlyMemory<byte> Datagram, string Interface, IPEndPoint Source, IPAddress Server);
