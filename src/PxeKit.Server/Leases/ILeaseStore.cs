namespace PxeKit.Server.Leases;

/// <summary>Where acknowledged leases live. <see cref="Save"/> returns only once the lease is durable.</summary>
public interface ILeaseStore : IDisposable
{
    IReadOnlyList<Lease> LoadAll();

    /// <summary>Stores the lease, replacing the client's previous one and any other holder of its address.</summary>
    void Save(Lease lease);

    void Delete(string mac);
}
