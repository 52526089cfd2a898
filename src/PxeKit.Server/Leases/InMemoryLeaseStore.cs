using System.Collections.Concurrent;

namespace PxeKit.Server.Leases;

/// <summary>A lease store that forgets everything at exit: for tests and <c>--lease-db :memory:</c>.</summary>
public sealed class InMemoryLeaseStore : ILeaseStore
{
    private readonly ConcurrentDictionary<ClientKey, Lease> _leases = new();

    public IReadOnlyList<Lease> LoadAll() => [.. _leases.Values];

    public Task SaveAsync(Lease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        foreach (var other in _leases.Values.Where(l => l.Address.Equals(lease.Address) && l.Client != lease.Client))
        {
            _leases.TryRemove(other.Client, out _);
        }

        _leases[lease.Client] = lease;
        return Task.CompletedTask;
    }

    public Task DeleteAsync(ClientKey client)
    {
        _leases.TryRemove(client, out _);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
    }
}
