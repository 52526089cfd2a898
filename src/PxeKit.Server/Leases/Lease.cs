using System.Net;

namespace PxeKit.Server.Leases;

/// <summary>An address bound to a client until <see cref="Expires"/>.</summary>
public sealed record Lease(string Mac, IPAddress Address, DateTimeOffset Expires, string? HostName = null);
