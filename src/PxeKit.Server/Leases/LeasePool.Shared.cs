using System.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Dhcp;

namespace PxeKit.Server.Leases;

/// <summary>
/// Several servers on one database (<see cref="ISharedLeaseStore"/>): this pool still chooses, but an address is offered
/// only once the database has given this client a short hold of it, and bound only once the database has given it the
/// lease; a claim lost to another server's client teaches the pool who holds the address, and the next one is tried.
/// A client this process has not seen is looked up in the database, so a lease another server gave is renewed here.
/// </summary>
public sealed partial class LeasePool
{
    /// <summary>How many addresses one DISCOVER tries before it is left unanswered (another server is answering).</summary>
    public const int ClaimAttempts = 8;

    /// <summary>How often at most the pool reads every lease back when its range looks full (an exhausted range is asked often).</summary>
    private static readonly TimeSpan ResyncInterval = TimeSpan.FromSeconds(1);

    private readonly ISharedLeaseStore? _shared;
    private long? _resyncedAt;

    /// <summary>
    /// The offer, decided in the database: each candidate is claimed for <see cref="OfferHold"/>; a candidate another
    /// client holds is learnt and the next one tried. When the database cannot be reached the offer is this process's
    /// choice alone: an offer binds nothing, and the REQUEST's claim (which the ACK waits for) decides.
    /// </summary>
    private IPAddress? OfferShared(ISharedLeaseStore shared, DhcpScope scope, ClientKey client, string mac, IPAddress? requested)
    {
        ReadThrough(shared, client, mac);
        bool resynced = false;
        for (int attempt = 0; attempt < ClaimAttempts; attempt++)
        {
            long now = _time.GetTimestamp();
            var candidate = Choose(scope, client, mac, requested, now);
            if (candidate is null && !resynced && (_resyncedAt is not { } last || _time.GetElapsedTime(last, now) >= ResyncInterval))
            {
                // The range looks full from here: leases another server ended or moved are still in this memory.
                resynced = true;
                _resyncedAt = now;
                if (Resync(shared))
                {
                    candidate = Choose(scope, client, mac, requested, now);
                }
            }

            if (candidate is not { } chosen)
            {
                return null;
            }

            bool won;
            try
            {
                won = shared.Claim(new Lease(mac, chosen, _time.GetUtcNow() + OfferHold) { Client = client }, bound: false);
            }
            catch (Exception e) when (LeaseStoreErrors.IsStoreFailure(e))
            {
                return chosen;
            }

            if (won)
            {
                return chosen;
            }

            Learn(shared, chosen, client, now);
        }

        return null;
    }

    /// <summary>
    /// The lease, decided in the database: true once the claim is committed (durable), false when another client holds the
    /// address there (learnt, and the caller NAKs). Throws when the database cannot be reached.
    /// </summary>
    private bool ClaimLease(ISharedLeaseStore shared, Lease lease, long now)
    {
        for (int attempt = 0; attempt < ClaimAttempts; attempt++)
        {
            if (shared.Claim(lease, bound: true))
            {
                return true;
            }

            // Lost to another server's claim for this very client (a rebinding client broadcasts to both), or to a row
            // another server was writing: once that is committed, this claim wins or meets the other client's lease.
            if (shared.HolderOf(lease.Address) is { } holder && holder.Client != lease.Client)
            {
                Learn(shared, lease.Address, lease.Client, now);
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// Before a REQUEST's checks: the client's lease as the database has it when this process has none (given by another
    /// server), and the address's holder when this process believes another client has it (it may have moved or ended).
    /// </summary>
    private void ReadThrough(ISharedLeaseStore shared, ClientKey client, string mac, IPAddress address)
    {
        ReadThrough(shared, client, mac);
        uint value = Ipv4.FromAddress(address);
        long now = _time.GetTimestamp();
        bool leasedElsewhere = _byAddress.TryGetValue(value, out var holder) && holder != Current(client, mac) && holder.Until > now;
        bool offeredElsewhere = _offers.TryGetValue(value, out var offer) && offer.Client != client && offer.Until > now;
        if (!leasedElsewhere && !offeredElsewhere)
        {
            return;
        }

        try
        {
            var current = shared.HolderOf(address);
            if (current is null || current.Client == client)
            {
                if (leasedElsewhere)
                {
                    Forget(holder!.Lease.Client);
                }

                _offers.Remove(value);
            }
        }
        catch (Exception e) when (LeaseStoreErrors.IsStoreFailure(e))
        {
            // The database is down: this process's view stands, and the claim (which fails too) withholds the ACK.
        }
    }

    /// <summary>This process's leases replaced by the database's (every server's); false when it cannot be reached.</summary>
    private bool Resync(ISharedLeaseStore shared)
    {
        IReadOnlyList<Lease> stored;
        try
        {
            stored = shared.LoadAll();
        }
        catch (Exception e) when (LeaseStoreErrors.IsStoreFailure(e))
        {
            return false;
        }

        _byClient.Clear();
        _byAddress.Clear();
        foreach (var lease in Ipv4Only(stored))
        {
            var pooled = new PooledLease(lease, Until(lease.Expires));
            pooled.Stored = pooled;
            Remember(pooled);
        }

        return true;
    }

    /// <summary>The client's lease from the database, when this process knows none (another server gave it).</summary>
    private void ReadThrough(ISharedLeaseStore shared, ClientKey client, string mac)
    {
        if (Current(client, mac) is not null)
        {
            return;
        }

        try
        {
            if (shared.Find(client) is { } lease)
            {
                var pooled = new PooledLease(lease, Until(lease.Expires));
                pooled.Stored = pooled;
                Remember(pooled);
            }
        }
        catch (Exception e) when (LeaseStoreErrors.IsStoreFailure(e))
        {
        }
    }

    /// <summary>A claim of <paramref name="address"/> was lost: who holds it, and until when, is set aside as an offer to them.</summary>
    private void Learn(ISharedLeaseStore shared, IPAddress address, ClientKey loser, long now)
    {
        Lease? holder;
        try
        {
            holder = shared.HolderOf(address);
        }
        catch (Exception e) when (LeaseStoreErrors.IsStoreFailure(e))
        {
            return;
        }

        // Null: the holder's row ended meanwhile, or the claim lost only to another server's claim for the same client;
        // either way the next attempt decides again.
        if (holder is not null && holder.Client != loser)
        {
            _offers[Ipv4.FromAddress(address)] = (holder.Client, Math.Max(Until(holder.Expires), After(now, TimeSpan.FromSeconds(1))));
        }
    }

    /// <summary>The timestamp at which a wall-clock expiry from the database comes, by this process's clocks.</summary>
    private long Until(DateTimeOffset expires)
    {
        var left = expires - _time.GetUtcNow();
        return After(_time.GetTimestamp(), left < TimeSpan.Zero ? TimeSpan.Zero : left);
    }
}
