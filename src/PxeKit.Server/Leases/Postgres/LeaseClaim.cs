namespace PxeKit.Server.Leases.Postgres;

/// <summary>One claim queued with the lease writes (<see cref="ISharedLeaseStore.ClaimAsync"/>), and its outcome once committed.</summary>
internal sealed class LeaseClaim(Lease lease, bool bound)
{
    public Lease Lease { get; } = lease;

    public bool Bound { get; } = bound;

    /// <summary>Set by the batch that applied it; read once its task has completed.</summary>
    public bool Won { get; set; }
}
