namespace PxeKit.Core.Metrics;

/// <summary>One DHCP scope's pool as the metrics show it: how many addresses its range has, and how many are leased now.</summary>
/// <param name="Scope">The scope's name in the metrics: its range, <c>192.168.50.100-192.168.50.200</c>.</param>
/// <param name="Size">Addresses in the range.</param>
/// <param name="Leased">Addresses of the range leased now (a lease that ended counts no longer).</param>
public readonly record struct ScopeUse(string Scope, long Size, long Leased);
