using PxeKit.Core.Metrics;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Server.Dhcp;

public sealed partial class FullDhcpHandler
{
    /// <summary>
    /// Each scope's range: its size and how many of its addresses are leased now, for the pool metrics
    /// (<see cref="BootMetrics.ObservePools"/>). Safe from any thread: it reads the pool under the handler's lock.
    /// </summary>
    public IReadOnlyList<ScopeUse> PoolUse()
    {
        var scopes = _scopes.All;
        lock (_gate)
        {
            return [.. scopes.Select(s => new ScopeUse(
                $"{s.RangeStart}-{s.RangeEnd}",
                Math.Max(0, (long)Ipv4.FromAddress(s.RangeEnd) - Ipv4.FromAddress(s.RangeStart) + 1),
                _pool.LeasedIn(s)))];
        }
    }
}
