using PxeKit.Server.Leases;

namespace PxeKit.Server.Tests.Leases;

/// <summary>An in-memory store whose writes become durable only when the test says so.</summary>
internal sealed class HeldLeaseStore : ILeaseStore
{
    private readonly InMemoryLeaseStore _leases = new();
    private readonly TaskCompletionSource _durable = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<Lease> LoadAll() => _leases.LoadAll();

    public Task SaveAsync(Lease lease)
    {
        _leases.SaveAsync(lease);
        return _durable.Task;
    }

    public Task DeleteAsync(ClientKey client) => _leases.DeleteAsync(client);

    public void MakeDurable() => _durable.SetResult();

    public void Fail(Exception error) => _durable.SetException(error);

    public void Dispose() => _leases.Dispose();
}
