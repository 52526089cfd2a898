namespace PxeKit.Server.Leases;

/// <summary>
/// The outcome of binding an address: the lease and the task that completes once it is durable, or
/// the reason it was refused (the caller NAKs).
/// </summary>
public readonly record struct LeaseCommit(Lease? Lease, Task Durable, string? Refusal)
{
    public static LeaseCommit Refused(string reason) => new(null, Task.CompletedTask, reason);
}
