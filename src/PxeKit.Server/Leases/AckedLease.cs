using System.Net;

namespace PxeKit.Server.Leases;

/// <summary>What a capture shows of one lease: the DHCPACK that bound it, or the DHCPRELEASE that gave it back.</summary>
public sealed record AckedLease(string Mac, IPAddress Address, DateTimeOffset Seen, bool Released = false);
