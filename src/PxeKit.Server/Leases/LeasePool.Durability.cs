namespace PxeKit.Server.Leases;

/// <summary>
/// What the store durably has of each lease: a commit's write ends as durable (<see cref="Stored"/>) or failed
/// (<see cref="NotStored"/>), and a failed renewal falls back on the lease the disk still holds.
/// </summary>
public sealed partial class LeasePool
{
    /// <summary>The commit's write is durable: the lease is, from now, what the client holds on disk.</summary>
    public void Stored(LeaseCommit commit)
    {
        if (commit.Pooled is not { } pooled)
        {
            return;
        }

        pooled.Stored = pooled;
        if (_byClient.TryGetValue(pooled.Lease.Client, out var current) && current != pooled
            && current.Lease.Address.Equals(pooled.Lease.Address) && (current.Stored is null || current.Stored.Until < pooled.Until))
        {
            // A later commit for the client is still being written: until it is, this one is what the disk has.
            current.Stored = pooled;
        }
    }

    /// <summary>
    /// The commit's write failed. When the client held the same address durably before and that lease has not ended,
    /// the pool goes back to it (the lease is not extended) and returns it, with the time it has left: the ACK may
    /// promise that much and no more. Null when nothing durable backs the address (a new lease): no ACK.
    /// </summary>
    public DurableLease? NotStored(LeaseCommit commit)
    {
        if (commit.Pooled is not { } pooled || pooled.Stored is not { } stored)
        {
            return null;
        }

        // An ACK's lease time is in whole seconds: a stored lease with less than one left has, for the client, ended.
        long now = _time.GetTimestamp();
        var left = _time.GetElapsedTime(now, stored.Until);
        if (left < TimeSpan.FromSeconds(1))
        {
            return null;
        }

        if (_byClient.TryGetValue(pooled.Lease.Client, out var current) && current == pooled)
        {
            Forget(pooled.Lease.Client);
            Remember(stored);
        }

        return new DurableLease(stored.Lease, left);
    }
}
