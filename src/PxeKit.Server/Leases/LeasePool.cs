using System.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Dhcp;

namespace PxeKit.Server.Leases;

/// <summary>
/// Chooses addresses and keeps leases: acknowledged leases in the store (durable) and in memory,
/// offers in memory only. A lease belongs to a <see cref="ClientKey"/>: the client identifier when the
/// client sends one, else its MAC. Whether a lease, an offer or a decline has ended is decided on the
/// monotonic clock, so a wall clock set forward (NTP on a machine without an RTC) or back changes none;
/// the store keeps wall-clock expiries for the next start. Not thread-safe: whoever calls it holds
/// <see cref="Gate"/>, so the handlers of several interfaces share one pool.
/// </summary>
public sealed partial class LeasePool
{
    /// <summary>How long an offered address stays set aside for the client that was offered it.</summary>
    public static readonly TimeSpan OfferHold = TimeSpan.FromSeconds(60);

    /// <summary>How long a declined address (RFC 2131 section 4.3.3: in use by someone else) is left alone.</summary>
    public static readonly TimeSpan DeclineHold = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How many declined addresses are set aside at once. Expired ones are dropped first; past that, the
    /// one set aside longest gives way, so the table stays this small whatever the clients send.
    /// </summary>
    public const int MaxDeclined = 256;

    private readonly ILeaseStore _store;

    /// <summary>Held around every call to the pool (and what must happen with it, at once).</summary>
    public Lock Gate { get; } = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<ClientKey, PooledLease> _byClient = [];
    private readonly Dictionary<uint, PooledLease> _byAddress = [];
    private readonly Dictionary<uint, (ClientKey Client, long Until)> _offers = [];
    private readonly Dictionary<ClientKey, uint> _offeredTo = [];
    private readonly Dictionary<uint, long> _declined = [];
    private readonly Dictionary<uint, uint> _cursors = [];

    /// <param name="store">The leases of earlier runs, and where new ones go.</param>
    /// <param name="time">The clock: wall-clock time for what is written and shown, timestamps for what ends when.</param>
    /// <param name="scopes">
    /// The scopes served: a stored lease lasts, from now, the time its stored expiry has left, but no longer than the
    /// lease time of the scope its address is on (a clock far in the past at start would make it last years). Without
    /// them, no longer than the default lease time.
    /// </param>
    public LeasePool(ILeaseStore store, TimeProvider time, IReadOnlyList<DhcpScope>? scopes = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _shared = store as ISharedLeaseStore;
        _time = time;
        var now = time.GetUtcNow();
        long start = time.GetTimestamp();
        foreach (var lease in Ipv4Only(store.LoadAll()))
        {
            var longest = scopes?.FirstOrDefault(s => s.OnSubnet(lease.Address))?.LeaseTime ?? DhcpScope.DefaultLeaseTime;
            var left = lease.Expires - now;
            left = left < TimeSpan.Zero ? TimeSpan.Zero : left > longest ? longest : left;
            var pooled = new PooledLease(lease, After(start, left));
            pooled.Stored = pooled;
            Remember(pooled);
        }
    }

    public IReadOnlyCollection<Lease> Leases => [.. _byClient.Values.Select(p => p.Lease)];

    /// <summary>How many addresses are set aside as declined (an expired one counts until the next DECLINE prunes it).</summary>
    public int DeclinedCount => _declined.Count;

    /// <summary>
    /// Each scope's range: its size and how many of its addresses are leased now, on the pool's monotonic clock, for the
    /// pool metrics (<see cref="PxeKit.Core.Metrics.BootMetrics.ObservePools"/>). Safe from any thread: it takes
    /// <see cref="Gate"/>.
    /// </summary>
    public IReadOnlyList<PxeKit.Core.Metrics.ScopeUse> Use(IReadOnlyList<DhcpScope> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        lock (Gate)
        {
            long now = _time.GetTimestamp();
            return [.. scopes.Select(s => new PxeKit.Core.Metrics.ScopeUse(
                $"{s.RangeStart}-{s.RangeEnd}",
                Math.Max(0, (long)Ipv4.FromAddress(s.RangeEnd) - Ipv4.FromAddress(s.RangeStart) + 1),
                _byAddress.Values.Count(p => p.Until > now && s.InRange(p.Lease.Address))))];
        }
    }

    /// <summary>The lease of the client with this MAC and no identifier.</summary>
    public Lease? Find(string mac) => Find(ClientKey.ForMac(mac));

    public Lease? Find(ClientKey client) => _byClient.GetValueOrDefault(client)?.Lease;

    /// <summary>The MAC of the client whose lease of <paramref name="address"/> has not ended, or null.</summary>
    public string? MacAt(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            && _byAddress.GetValueOrDefault(Ipv4.FromAddress(address)) is { } pooled
            && pooled.Until > _time.GetTimestamp()
            ? pooled.Lease.Mac
            : null;
    }

    /// <summary>Whether the client's lease of <paramref name="address"/> has not ended, on the pool's monotonic clock.</summary>
    public bool Holds(ClientKey client, IPAddress address) =>
        _byClient.GetValueOrDefault(client) is { } pooled && pooled.Lease.Address.Equals(address) && pooled.Until > _time.GetTimestamp();

    /// <summary>The address to offer to the client with this MAC and no identifier (see the overload with a key).</summary>
    public IPAddress? Offer(DhcpScope scope, string mac, IPAddress? requested) => Offer(scope, ClientKey.ForMac(mac), mac, requested);

    /// <summary>
    /// The address to offer: the client's reservation (by <paramref name="mac"/>), else its current lease, else the
    /// address it asks for if free, else the address it was offered before, else an address nobody has held, else
    /// the free address whose lease ended longest ago. Null when the range is exhausted. The address is held for
    /// <see cref="OfferHold"/>. The caller holds <see cref="Gate"/>. A pool on a shared store is asked through
    /// <see cref="OfferAsync"/> instead, which decides in the database.
    /// </summary>
    public IPAddress? Offer(DhcpScope scope, ClientKey client, string mac, IPAddress? requested)
    {
        ArgumentNullException.ThrowIfNull(scope);
        RequireOwnStore();
        long now = _time.GetTimestamp();
        var chosen = Choose(scope, client, mac, requested, now);
        if (chosen is { } address)
        {
            HoldOffer(client, Ipv4.FromAddress(address), now);
        }

        return chosen;
    }

    /// <summary>Sets <paramref name="value"/> aside as offered to <paramref name="client"/> for <see cref="OfferHold"/>.</summary>
    private void HoldOffer(ClientKey client, uint value, long now)
    {
        if (_offeredTo.TryGetValue(client, out var previous) && previous != value)
        {
            _offers.Remove(previous);
        }

        // An expired offer to someone else gives way, and takes its client's entry with it, so
        // the map by client stays no larger than the range, however many MACs a flood forges.
        if (_offers.TryGetValue(value, out var stale) && stale.Client != client
            && _offeredTo.TryGetValue(stale.Client, out var staleValue) && staleValue == value)
        {
            _offeredTo.Remove(stale.Client);
        }

        _offers[value] = (client, After(now, OfferHold));
        _offeredTo[client] = value;
    }

    /// <summary>Binds <paramref name="address"/> to the client with this MAC and no identifier (see the overload with a key).</summary>
    public LeaseCommit Commit(DhcpScope scope, string mac, IPAddress address, string? hostName) =>
        Commit(scope, ClientKey.ForMac(mac), mac, address, hostName);

    /// <summary>
    /// Binds <paramref name="address"/> to the client if it may have it: at once in memory, so the
    /// next request sees it, and durably once the returned commit's task completes (the ACK waits for
    /// that). Refused with a reason when the client may not have it (the caller NAKs). A client that
    /// sends an identifier takes over the lease its MAC holds without one (a lease from before the
    /// store kept identifiers, or from when the client sent none), as it would have been its own. The caller holds
    /// <see cref="Gate"/>. A pool on a shared store is asked through <see cref="CommitAsync"/> instead.
    /// </summary>
    public LeaseCommit Commit(DhcpScope scope, ClientKey client, string mac, IPAddress address, string? hostName)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(address);
        RequireOwnStore();
        if (Bind(scope, client, mac, address, hostName, out var refusal) is not { } bound)
        {
            return LeaseCommit.Refused(refusal!);
        }

        var durable = _store.SaveAsync(bound.Lease);
        Settle(bound.Pooled);
        return new LeaseCommit(bound.Lease, durable, null) { Pooled = bound.Pooled };
    }

    /// <summary>
    /// The lease the client would hold, once it is checked: null, with the reason, when the client may not have the
    /// address. The MAC's lease without an identifier that the client takes over is deleted (in order, before the new one).
    /// </summary>
    private (Lease Lease, PooledLease Pooled)? Bind(DhcpScope scope, ClientKey client, string mac, IPAddress address, string? hostName, out string? refusal)
    {
        long now = _time.GetTimestamp();
        refusal = WhyNot(scope, client, mac, address, now);
        if (refusal is not null)
        {
            return null;
        }

        var previous = Current(client, mac);
        if (previous is not null && previous.Lease.Client != client)
        {
            // Taken over from the MAC's lease without an identifier: that row goes, in order, before the new one.
            _ = _store.DeleteAsync(previous.Lease.Client);
            Forget(previous.Lease.Client);
        }

        var lease = new Lease(mac, address, _time.GetUtcNow() + scope.LeaseTime, hostName) { Client = client };
        var pooled = new PooledLease(lease, After(now, scope.LeaseTime))
        {
            Stored = previous?.Stored is { } stored && stored.Lease.Address.Equals(address) ? stored : null,
        };
        return (lease, pooled);
    }

    /// <summary>The lease is the client's in memory, from now: its offer ends.</summary>
    private void Settle(PooledLease pooled)
    {
        var client = pooled.Lease.Client;
        Forget(client);
        Remember(pooled);
        _offers.Remove(Ipv4.FromAddress(pooled.Lease.Address));
        if (_offeredTo.Remove(client, out var offered))
        {
            _offers.Remove(offered);
        }
    }

    /// <summary>The synchronous calls decide in memory: a pool on a shared store decides in the database, asynchronously.</summary>
    private void RequireOwnStore()
    {
        if (_shared is not null)
        {
            throw new InvalidOperationException("a pool on a shared lease store offers and binds through OfferAsync and CommitAsync");
        }
    }

    /// <summary>True when this server knows the client with this MAC and no identifier (see the overload with a key).</summary>
    public bool Knows(DhcpScope scope, string mac) => Knows(scope, ClientKey.ForMac(mac), mac);

    /// <summary>
    /// True when this server knows the client: it holds a lease (current or ended), was offered an
    /// address, or has a reservation. A client in INIT-REBOOT that it does not know is left alone
    /// (RFC 2131 section 4.3.2).
    /// </summary>
    public bool Knows(DhcpScope scope, ClientKey client, string mac)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (_shared is { } shared)
        {
            ReadThrough(shared, client, mac);
        }

        return Current(client, mac) is not null || _offeredTo.ContainsKey(client) || scope.ReservationFor(mac) is not null;
    }

    /// <summary>Ends the lease of the client with this MAC and no identifier (see the overload with a key).</summary>
    public bool Release(string mac, IPAddress address) => Release(ClientKey.ForMac(mac), mac, address);

    /// <summary>
    /// Ends the client's lease of <paramref name="address"/> (RFC 2131 section 4.3.4). False, and no lease
    /// changes, when the client does not hold that address: a RELEASE from another client is forged or stale.
    /// The client's lease is found as <see cref="Commit(DhcpScope, ClientKey, string, IPAddress, string?)"/> finds it.
    /// </summary>
    public bool Release(ClientKey client, string mac, IPAddress address)
    {
        if (_shared is { } shared)
        {
            ReadThrough(shared, client, mac);
        }

        if (Current(client, mac) is not { } pooled || !pooled.Lease.Address.Equals(address))
        {
            return false;
        }

        // Nothing waits for a release: no reply depends on it, and the store applies it in order.
        _ = _store.DeleteAsync(pooled.Lease.Client);
        Forget(pooled.Lease.Client);
        return true;
    }

    /// <summary>
    /// The client's lease: its own, or, for a client that sends an identifier and has none yet, the lease its MAC
    /// holds without one (which it takes over when it commits).
    /// </summary>
    private PooledLease? Current(ClientKey client, string mac) =>
        _byClient.GetValueOrDefault(client)
            ?? (client.IsIdentifier ? _byClient.GetValueOrDefault(ClientKey.ForMac(mac)) : null);

    private IPAddress? Choose(DhcpScope scope, ClientKey client, string mac, IPAddress? requested, long now)
    {
        if (scope.ReservationFor(mac) is { } reservation)
        {
            return reservation.Address;
        }

        if (Current(client, mac) is { } current && scope.InRange(current.Lease.Address) && !IsDeclined(current.Lease.Address, now))
        {
            return current.Lease.Address;
        }

        if (requested is not null && scope.InRange(requested) && WhyNot(scope, client, mac, requested, now) is null)
        {
            return requested;
        }

        // A client repeating its DISCOVER (firmware tries four times) is offered the same address again.
        if (_offeredTo.TryGetValue(client, out var offered) && Ipv4.ToAddress(offered) is var held && WhyNot(scope, client, mac, held, now) is null)
        {
            return held;
        }

        return NextUnused(scope, client, mac, now) ?? OldestExpired(scope, client, mac, now);
    }

    /// <summary>
    /// The next address that nobody has held, going round the range from where the last search ended,
    /// so that a burst of new clients costs one step each rather than a walk over every lease so far.
    /// </summary>
    private IPAddress? NextUnused(DhcpScope scope, ClientKey client, string mac, long now)
    {
        uint first = Ipv4.FromAddress(scope.RangeStart);
        uint last = Ipv4.FromAddress(scope.RangeEnd);
        if (first == 0 || last < first)
        {
            return null;
        }

        ulong size = (ulong)last - first + 1;
        ulong start = _cursors.TryGetValue(first, out var cursor) && cursor >= first && cursor <= last ? cursor - first : 0;
        for (ulong step = 0; step < size; step++)
        {
            uint value = (uint)(first + ((start + step) % size));
            if (_byAddress.ContainsKey(value))
            {
                continue;
            }

            var candidate = Ipv4.ToAddress(value);
            if (WhyNot(scope, client, mac, candidate, now) is null)
            {
                _cursors[first] = value == last ? first : value + 1;
                return candidate;
            }
        }

        return null;
    }

    /// <summary>When every address has been held: the free one whose lease ended longest ago.</summary>
    private IPAddress? OldestExpired(DhcpScope scope, ClientKey client, string mac, long now)
    {
        IPAddress? oldest = null;
        long oldestEnd = long.MaxValue;
        uint last = Ipv4.FromAddress(scope.RangeEnd);
        for (uint value = Ipv4.FromAddress(scope.RangeStart); value <= last && value != 0; value++)
        {
            if (_byAddress.TryGetValue(value, out var previous) && previous.Until < oldestEnd
                && WhyNot(scope, client, mac, Ipv4.ToAddress(value), now) is null)
            {
                oldestEnd = previous.Until;
                oldest = Ipv4.ToAddress(value);
            }
        }

        return oldest;
    }

    private string? WhyNot(DhcpScope scope, ClientKey client, string mac, IPAddress address, long now)
    {
        if (scope.ReservationFor(mac) is { } reservation)
        {
            return reservation.Address.Equals(address) ? null : $"{mac} is reserved {reservation.Address}";
        }

        if (!scope.InRange(address))
        {
            return $"{address} is outside the range {scope.RangeStart}-{scope.RangeEnd}";
        }

        if (address.Equals(scope.ServerAddress))
        {
            return $"{address} is the server's own address";
        }

        if (scope.Reserves(address))
        {
            return $"{address} is reserved for another client";
        }

        uint value = Ipv4.FromAddress(address);
        if (_byAddress.TryGetValue(value, out var holder) && holder != Current(client, mac) && holder.Until > now)
        {
            return $"{address} is leased to {holder.Lease.Client}";
        }

        if (_offers.TryGetValue(value, out var offer) && offer.Client != client && offer.Until > now)
        {
            return $"{address} is offered to {offer.Client}";
        }

        return IsDeclined(address, now) ? $"{address} was declined as in use" : null;
    }

    /// <summary>The timestamp <paramref name="span"/> after <paramref name="timestamp"/>.</summary>
    private long After(long timestamp, TimeSpan span) =>
        timestamp + (long)(span.TotalSeconds * _time.TimestampFrequency);

    private void Remember(PooledLease pooled)
    {
        uint value = Ipv4.FromAddress(pooled.Lease.Address);
        if (_byAddress.TryGetValue(value, out var other) && other.Lease.Client != pooled.Lease.Client)
        {
            _byClient.Remove(other.Lease.Client);
        }

        _byClient[pooled.Lease.Client] = pooled;
        _byAddress[value] = pooled;
    }

    private void Forget(ClientKey client)
    {
        if (_byClient.Remove(client, out var pooled))
        {
            _byAddress.Remove(Ipv4.FromAddress(pooled.Lease.Address));
        }
    }

    /// <summary>The DHCPv4 leases of a lease database: DHCPv6's share it, and Dhcp6Bindings keeps those.</summary>
    private static IEnumerable<Lease> Ipv4Only(IEnumerable<Lease> stored) =>
        stored.Where(l => l.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
}
