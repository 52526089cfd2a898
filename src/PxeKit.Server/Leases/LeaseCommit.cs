namespace PxeKit.Server.Leases;

/// <summary>
/// The outcome of binding an address: the lease and the task that completes once it is durable, or
/// the reason it was refused (the caller NAKs). Once the task has ended, the caller tells the pool
/// (<see cref="LeasePool.Stored"/>, <see cref="LeasePool.NotStored"/>).
/// </summary>
public readonly record struct LeaseCommit(Lease? Lease, Task Durable, string? Refusal)
{
    public static LeaseCommit Refused(string reason) => new(null, Task.CompletedTask, reason);

    /// <summary>The pool's entry for the lease, to settle it once the write has ended.</summary>
    internal PooledLease? Pooled { get; init; }
}
