using System.Net;

namespace PxeKit.Server.Dhcp6;

/// <summary>
/// How a relayed client message reached PxeKit (RFC 8415 section 19): the relay agent that sent the outermost
/// Relay-forward (the Relay-reply goes back to it, on UDP 547), the link-address of the relay nearest the client (an
/// address on the client's link; null when that relay left it unspecified), and how many relays it passed.
/// </summary>
public sealed record Dhcp6RelayPath(IPAddress Agent, IPAddress? LinkAddress, int Hops);
