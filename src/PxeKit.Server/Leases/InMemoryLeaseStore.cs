using System.Collections.Concurrent;

namespace PxeKit.Server.Leases;

/// <summary>A lease store that forgets everything at exit: for tests and <c>--lease-db :memory:</c>.</summary>
public sealed class InMemoryLeaseStore : ILeaseStore
{
    private readonly ConcurrentDictionary<string, Lease> _leases = new(StringComparer.Ordinal);

    public IReadOnlyList<Lease> LoadAll() => [.. _leases.Values];

    public Task SaveAsync(Lease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        foreach (var other in _leases.Values.Where(l => l.Address.Equals(lease.Address) && l.Mac != lease.Mac))
        {
            _leases.TryRemove(other.Mac, out _);
        }

        _leases[lease.Mac] = lease;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string mac)
    {
        _leases.TryRemove(mac, out _);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
    }
}
