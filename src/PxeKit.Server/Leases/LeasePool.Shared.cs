using System.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Dhcp;

namespace PxeKit.Server.Leases;

/// <summary>
/// Several servers on one database (<see cref="ISharedLeaseStore"/>): this pool still chooses, but an address is offered
/// only once the database has given this client a short hold of it, and bound only once the database has given it the
/// lease; a claim lost to another server's client teaches the pool who holds the address, and the next one is tried.
/// A client this process has not seen is looked up in the database, so a lease another server gave is renewed here.
/// The pool's <see cref="Gate"/> is held to choose and to settle, never while the database answers: the address is
/// held in memory as offered to its client while its claim is on its way, so the requests in flight meanwhile choose
/// others, and their claims go to the database together (one transaction, each claim its own subtransaction).
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
    /// The address to offer, as <see cref="Offer(DhcpScope, ClientKey, string, IPAddress?)"/> chooses it; on a shared store
    /// decided in the database. Takes <see cref="Gate"/> itself: the caller must not hold it.
    /// </summary>
    public ValueTask<IPAddress?> OfferAsync(DhcpScope scope, ClientKey client, string mac, IPAddress? requested)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (_shared is { } shared)
        {
            return new(OfferSharedAsync(shared, scope, client, mac, requested));
        }

        lock (Gate)
        {
            return new(Offer(scope, client, mac, requested));
        }
    }

    /// <summary>
    /// Binds the address as <see cref="Commit(DhcpScope, ClientKey, string, IPAddress, string?)"/> does; on a shared store
    /// the database decides: the claim is committed before the task completes, and refused when another server's client
    /// holds the address. Takes <see cref="Gate"/> itself: the caller must not hold it.
    /// </summary>
    public ValueTask<LeaseCommit> CommitAsync(DhcpScope scope, ClientKey client, string mac, IPAddress address, string? hostName)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(address);
        if (_shared is { } shared)
        {
            return new(CommitSharedAsync(shared, scope, client, mac, address, hostName));
        }

        lock (Gate)
        {
            return new(Commit(scope, client, mac, address, hostName));
        }
    }

    /// <summary>
    /// The offer, decided in the database: each candidate is claimed for <see cref="OfferHold"/>; a candidate another
    /// client holds is learnt and the next one tried. When the database cannot be reached the offer is this process's
    /// choice alone: an offer binds nothing, and the REQUEST's claim (which the ACK waits for) decides.
    /// </summary>
    private async Task<IPAddress?> OfferSharedAsync(ISharedLeaseStore shared, DhcpScope scope, ClientKey client, string mac, IPAddress? requested)
    {
        await ReadThroughAsync(shared, client, mac).ConfigureAwait(false);
        bool resynced = false;
        for (int attempt = 0; attempt < ClaimAttempts; attempt++)
        {
            IPAddress chosen;
            lock (Gate)
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

                if (candidate is null)
                {
                    return null;
                }

                // Held as offered while the claim is on its way: the requests in flight meanwhile choose other addresses.
                chosen = candidate;
                HoldOffer(client, Ipv4.FromAddress(chosen), now);
            }

            bool won;
            try
            {
                won = await shared.ClaimAsync(new Lease(mac, chosen, _time.GetUtcNow() + OfferHold) { Client = client }, bound: false).ConfigureAwait(false);
            }
            catch (Exception e) when (LeaseStoreErrors.IsStoreFailure(e))
            {
                return chosen;
            }

            if (won)
            {
                return chosen;
            }

            var holder = await HolderAsync(shared, chosen).ConfigureAwait(false);
            lock (Gate)
            {
                Withdraw(client, chosen);
                Learn(holder, chosen, client);
            }
        }

        return null;
    }

    /// <summary>
    /// The lease, decided in the database: bound once the claim is committed (durable); refused when another client holds
    /// the address there (learnt, and the caller NAKs). When the database cannot be reached the lease is bound in memory
    /// and the commit's task faults (the ACK is withheld, or a renewal falls back on what is stored).
    /// </summary>
    private async Task<LeaseCommit> CommitSharedAsync(ISharedLeaseStore shared, DhcpScope scope, ClientKey client, string mac, IPAddress address, string? hostName)
    {
        bool offeredHere;
        lock (Gate)
        {
            offeredHere = _offeredTo.TryGetValue(client, out var offered) && offered == Ipv4.FromAddress(address);
        }

        // A REQUEST for the address this process offered: the offer read the client's lease already, and the claim decides.
        if (!offeredHere)
        {
            await ReadThroughAsync(shared, client, mac, address).ConfigureAwait(false);
        }

        (Lease Lease, PooledLease Pooled) bound;
        lock (Gate)
        {
            if (Bind(scope, client, mac, address, hostName, out var refusal) is not { } checkedLease)
            {
                return LeaseCommit.Refused(refusal!);
            }

            // Held as offered to this client while the claim is on its way, so no offer in flight meanwhile takes it.
            bound = checkedLease;
            HoldOffer(client, Ipv4.FromAddress(address), _time.GetTimestamp());
        }

        Task durable = Task.CompletedTask;
        try
        {
            if (await ClaimLeaseAsync(shared, bound.Lease).ConfigureAwait(false) is (false, var holder))
            {
                lock (Gate)
                {
                    Withdraw(client, address);
                    Learn(holder, address, client);
                }

                return LeaseCommit.Refused($"{address} is held by another client in the shared lease database");
            }
        }
        catch (Exception e) when (LeaseStoreErrors.IsStoreFailure(e))
        {
            durable = Task.FromException(e);
        }

        lock (Gate)
        {
            Settle(bound.Pooled);
        }

        return new LeaseCommit(bound.Lease, durable, null) { Pooled = bound.Pooled };
    }

    /// <summary>
    /// Claims the lease: won once the claim is committed (durable); lost, with the other client that holds the address
    /// when one does. Throws when the database cannot be reached.
    /// </summary>
    private static async Task<(bool Won, Lease? Holder)> ClaimLeaseAsync(ISharedLeaseStore shared, Lease lease)
    {
        for (int attempt = 0; attempt < ClaimAttempts; attempt++)
        {
            if (await shared.ClaimAsync(lease, bound: true).ConfigureAwait(false))
            {
                return (true, null);
            }

            // Lost to another server's claim for this very client (a rebinding client broadcasts to both), or to a row
            // another server was writing: once that is committed, this claim wins or meets the other client's lease.
            if (await shared.HolderOfAsync(lease.Address).ConfigureAwait(false) is { } holder && holder.Client != lease.Client)
            {
                return (false, holder);
            }
        }

        return (false, null);
    }

    /// <summary>
    /// Before a REQUEST's checks: the client's lease as the database has it when this process has none (given by another
    /// server), and the address's holder when this process believes another client has it (it may have moved or ended).
    /// </summary>
    private async Task ReadThroughAsync(ISharedLeaseStore shared, ClientKey client, string mac, IPAddress address)
    {
        await ReadThroughAsync(shared, client, mac).ConfigureAwait(false);
        uint value = Ipv4.FromAddress(address);
        lock (Gate)
        {
            if (!HeldElsewhere(client, mac, value, out _))
            {
                return;
            }
        }

        Lease? current;
        try
        {
            current = await shared.HolderOfAsync(address).ConfigureAwait(false);
        }
        catch (Exception e) when (LeaseStoreErrors.IsStoreFailure(e))
        {
            // The database is down: this process's view stands, and the claim (which fails too) withholds the ACK.
            return;
        }

        if (current is not null && current.Client != client)
        {
            return;
        }

        lock (Gate)
        {
            if (HeldElsewhere(client, mac, value, out var holder) && holder is not null)
            {
                Forget(holder.Lease.Client);
            }

            _offers.Remove(value);
        }
    }

    /// <summary>Whether this process believes another client holds the address, leased (<paramref name="holder"/>) or offered.</summary>
    private bool HeldElsewhere(ClientKey client, string mac, uint value, out PooledLease? holder)
    {
        long now = _time.GetTimestamp();
        holder = _byAddress.TryGetValue(value, out var leased) && leased != Current(client, mac) && leased.Until > now ? leased : null;
        bool offeredElsewhere = _offers.TryGetValue(value, out var offer) && offer.Client != client && offer.Until > now;
        return holder is not null || offeredElsewhere;
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
    private async Task ReadThroughAsync(ISharedLeaseStore shared, ClientKey client, string mac)
    {
        lock (Gate)
        {
            if (Current(client, mac) is not null)
            {
                return;
            }
        }

        Lease? lease;
        try
        {
            lease = await shared.FindAsync(client).ConfigureAwait(false);
        }
        catch (Exception e) when (LeaseStoreErrors.IsStoreFailure(e))
        {
            return;
        }

        lock (Gate)
        {
            if (lease is not null && Current(client, mac) is null)
            {
                var pooled = new PooledLease(lease, Until(lease.Expires));
                pooled.Stored = pooled;
                Remember(pooled);
            }
        }
    }

    /// <summary>
    /// The client's lease from the database, for a question asked under <see cref="Gate"/> (INIT-REBOOT, RELEASE, DECLINE):
    /// the lookup waits under it. The lookup does not need the Gate, so nothing in flight waits on this.
    /// </summary>
    private void ReadThrough(ISharedLeaseStore shared, ClientKey client, string mac)
    {
        if (Current(client, mac) is not null)
        {
            return;
        }

        try
        {
            if (shared.FindAsync(client).GetAwaiter().GetResult() is { } lease)
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

    /// <summary>Who holds the address in the database now; null when nobody, or when the database cannot be reached.</summary>
    private static async Task<Lease?> HolderAsync(ISharedLeaseStore shared, IPAddress address)
    {
        try
        {
            return await shared.HolderOfAsync(address).ConfigureAwait(false);
        }
        catch (Exception e) when (LeaseStoreErrors.IsStoreFailure(e))
        {
            return null;
        }
    }

    /// <summary>The address held for the client while its claim was on its way is not the client's: the hold goes.</summary>
    private void Withdraw(ClientKey client, IPAddress address)
    {
        uint value = Ipv4.FromAddress(address);
        if (_offers.TryGetValue(value, out var offer) && offer.Client == client)
        {
            _offers.Remove(value);
        }

        if (_offeredTo.TryGetValue(client, out var offered) && offered == value)
        {
            _offeredTo.Remove(client);
        }
    }

    /// <summary>A claim of <paramref name="address"/> was lost: who holds it, and until when, is set aside as an offer to them.</summary>
    private void Learn(Lease? holder, IPAddress address, ClientKey loser)
    {
        // Null: the holder's row ended meanwhile, or the claim lost only to another server's claim for the same client;
        // either way the next attempt decides again.
        if (holder is not null && holder.Client != loser)
        {
            long now = _time.GetTimestamp();
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
