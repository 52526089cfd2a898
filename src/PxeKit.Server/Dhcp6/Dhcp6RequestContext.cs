using System.Net;

namespace PxeKit.Server.Dhcp6;

/// <summary>
/// A received datagram, where it came from, and PxeKit's address on the link as clients reach it (a global or
/// unique-local address: boot URLs name it). For a relayed client, the datagram is the client's own message, unwrapped,
/// and <see cref="Relay"/> says how it came.
/// </summary>
public sealed record Dhcp6RequestContext(ReadOnlyMemory<byte> Datagram, string Interface, IPEndPoint Source, IPAddress Server)
{
    /// <summary>The relays the message passed; null when the client is on PxeKit's own link.</summary>
    public Dhcp6RelayPath? Relay { get; init; }
}
