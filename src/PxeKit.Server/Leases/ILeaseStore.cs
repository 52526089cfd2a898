namespace PxeKit.Server.Leases;

/// <summary>
/// Where acknowledged leases live. Writes are applied in the order they are asked for; each returns a
/// task that completes only once the write is durable (an ACK must not leave before), and faults when
/// it could not be stored.
/// </summary>
public interface ILeaseStore : IDisposable
{
    /// <summary>Every stored lease. A write is seen here once its task has completed.</summary>
    IReadOnlyList<Lease> LoadAll();

    /// <summary>Stores the lease, replacing its client's previous one and any other holder of its address.</summary>
    Task SaveAsync(Lease lease);

    /// <summary>Ends the lease of <paramref name="client"/>, if it has one.</summary>
    Task DeleteAsync(ClientKey client);
}
