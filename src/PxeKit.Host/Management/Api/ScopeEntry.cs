namespace PxeKit.Host.Management;

/// <summary>One DHCP scope of the running configuration.</summary>
/// <param name="Subnet">Its subnet, <c>10.0.2.0/24</c>: the interface's, or a relayed one's.</param>
/// <param name="Relayed">Whether its requests come through a relay (<c>dhcp.relayed</c>).</param>
/// <param name="Range">The addresses it hands out, <c>10.0.2.100-10.0.2.200</c>.</param>
/// <param name="Options">The codes of the options configured for it (<c>options:</c>).</param>
public sealed record ScopeEntry(
    string Interface,
    string Subnet,
    bool Relayed,
    string Range,
    string? Router,
    IReadOnlyList<string> DnsServers,
    long LeaseSeconds,
    bool Authoritative,
    bool ProbeBeforeOffer,
    IReadOnlyList<ReservationEntry> Reservations,
    IReadOnlyList<int> Options);
