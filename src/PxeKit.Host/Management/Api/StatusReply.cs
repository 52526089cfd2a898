namespace PxeKit.Host.Management;

/// <summary><c>GET /api/v1/status</c>: which PxeKit serves, since when, where, and how.</summary>
/// <param name="Mode"><c>Full</c> (addresses and boot) or <c>Proxy</c> (boot only, beside another DHCP server).</param>
public sealed record StatusReply(string Version, DateTimeOffset StartedAt, IReadOnlyList<InterfaceEntry> Interfaces, ServeMode Mode);
