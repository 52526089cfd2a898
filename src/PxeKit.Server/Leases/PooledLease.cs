namespace PxeKit.Server.Leases;

/// <summary>
/// A lease as <see cref="LeasePool"/> keeps it: the record the store writes (wall-clock expiry), and when it ends on
/// the monotonic clock (<see cref="TimeProvider.GetTimestamp"/>), which decides in this process whether it has ended,
/// whatever the wall clock does meanwhile.
/// </summary>
internal sealed class PooledLease(Lease lease, long until)
{
    public Lease Lease { get; } = lease;

    /// <summary>The timestamp at which the lease ends.</summary>
    public long Until { get; } = until;

    /// <summary>
    /// The client's lease of the same address as the store is known to have it: this one once its write is durable,
    /// an earlier one while it is being written (or could not be), null when the store has none.
    /// </summary>
    public PooledLease? Stored { get; set; }
}
