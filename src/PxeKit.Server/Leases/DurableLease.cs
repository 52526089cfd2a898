namespace PxeKit.Server.Leases;

/// <summary>A lease as the store durably has it, and how long it has left by the monotonic clock.</summary>
public readonly record struct DurableLease(Lease Lease, TimeSpan Left);
