using System.Net;

namespace PxeKit.Server.Leases;

/// <summary>
/// An address bound to a client until <see cref="Expires"/> (wall-clock time, as the lease database and the journal
/// show it). <see cref="Client"/> is whom it belongs to; <see cref="Mac"/> is the hardware address the client last
/// asked from, kept for the journal, the audit and the boot policy, which speak of MACs.
/// </summary>
public sealed record Lease(string Mac, IPAddress Address, DateTimeOffset Expires, string? HostName = null)
{
    /// <summary>Whom the lease belongs to: the client identifier when the client sent one, else <see cref="Mac"/>.</summary>
    public ClientKey Client { get; init; } = ClientKey.ForMac(Mac);
}
