using System.Net;

namespace PxeKit.Server.Leases;

/// <summary>What a capture shows of one lease: the DHCPACK that bound it, or the DHCPRELEASE that gave it back.</summary>
public sealed record AckedLease(string Mac, IPAddress Address, DateTimeOffset Seen, bool Released = false)
{
    /// <summary>Whom the lease belongs to, as the server keys it: the message's option 61 when it has one, else <see cref="Mac"/>.</summary>
    public ClientKey Client { get; init; } = ClientKey.ForMac(Mac);

    /// <summary>The lease time the ACK gave (option 51); null when it gave none, or for a release.</summary>
    public TimeSpan? LeaseTime { get; init; }
}
