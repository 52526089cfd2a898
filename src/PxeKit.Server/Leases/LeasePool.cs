using System.Net;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Dhcp;

namespace PxeKit.Server.Leases;

/// <summary>
/// Chooses addresses and keeps leases: acknowledged leases in the store (durable) and in memory,
/// offers in memory only. Not thread-safe: the DHCP engine calls it from one place under its lock.
/// </summary>
public sealed class LeasePool
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
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Lease> _byMac = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, Lease> _byAddress = [];
    private readonly Dictionary<uint, (string Mac, DateTimeOffset Until)> _offers = [];
    private readonly Dictionary<string, uint> _offeredTo = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, DateTimeOffset> _declined = [];
    private readonly Dictionary<uint, uint> _cursors = [];

    public LeasePool(ILeaseStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _time = time;
        foreach (var lease in store.LoadAll())
        {
            Remember(lease);
        }
    }

    public IReadOnlyCollection<Lease> Leases => _byMac.Values;

    /// <summary>How many addresses are set aside as declined (an expired one counts until the next DECLINE prunes it).</summary>
    public int DeclinedCount => _declined.Count;

    public Lease? Find(string mac) => _byMac.GetValueOrDefault(mac);

    /// <summary>
    /// The address to offer: the client's reservation, else its current lease, else the address it
    /// asks for if free, else the address it was offered before, else an address nobody has held, else
    /// the free address whose lease ended longest ago. Null when the range is exhausted. The address
    /// is held for <see cref="OfferHold"/>.
    /// </summary>
    public IPAddress? Offer(DhcpScope scope, string mac, IPAddress? requested)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var now = _time.GetUtcNow();
        var chosen = Choose(scope, mac, requested, now);
        if (chosen is { } address)
        {
            var value = Ipv4.FromAddress(address);
            if (_offeredTo.TryGetValue(mac, out var previous) && previous != value)
            {
                _offers.Remove(previous);
            }

            // An expired offer to someone else gives way, and takes its client's entry with it, so
            // the map by MAC stays no larger than the range, however many MACs a flood forges.
            if (_offers.TryGetValue(value, out var stale) && stale.Mac != mac
                && _offeredTo.TryGetValue(stale.Mac, out var staleValue) && staleValue == value)
            {
                _offeredTo.Remove(stale.Mac);
            }

            _offers[value] = (mac, now + OfferHold);
            _offeredTo[mac] = value;
        }

        return chosen;
    }

    /// <summary>
    /// Binds <paramref name="address"/> to the client if it may have it: at once in memory, so the
    /// next request sees it, and durably once the returned commit's task completes (the ACK waits for
    /// that). Refused with a reason when the client may not have it (the caller NAKs).
    /// </summary>
    public LeaseCommit Commit(DhcpScope scope, string mac, IPAddress address, string? hostName)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var now = _time.GetUtcNow();
        if (WhyNot(scope, mac, address, now) is { } refusal)
        {
            return LeaseCommit.Refused(refusal);
        }

        var lease = new Lease(mac, address, now + scope.LeaseTime, hostName);
        var durable = _store.SaveAsync(lease);
        Forget(mac);
        Remember(lease);
        _offers.Remove(Ipv4.FromAddress(address));
        if (_offeredTo.Remove(mac, out var offered))
        {
            _offers.Remove(offered);
        }

        return new LeaseCommit(lease, durable, null);
    }

    /// <summary>
    /// True when this server knows the client: it holds a lease (current or ended), was offered an
    /// address, or has a reservation. A client in INIT-REBOOT that it does not know is left alone
    /// (RFC 2131 section 4.3.2).
    /// </summary>
    public bool Knows(DhcpScope scope, string mac)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return _byMac.ContainsKey(mac) || _offeredTo.ContainsKey(mac) || scope.ReservationFor(mac) is not null;
    }

    /// <summary>
    /// Ends the client's lease of <paramref name="address"/> (RFC 2131 section 4.3.4). False, and no lease
    /// changes, when the client does not hold that address: a RELEASE from another MAC is forged or stale.
    /// </summary>
    public bool Release(string mac, IPAddress address)
    {
        if (!_byMac.TryGetValue(mac, out var lease) || !lease.Address.Equals(address))
        {
            return false;
        }

        // Nothing waits for a release: no reply depends on it, and the store applies it in order.
        _ = _store.DeleteAsync(mac);
        Forget(mac);
        return true;
    }

    /// <summary>
    /// Sets <paramref name="address"/> aside for <see cref="DeclineHold"/> because its client found it in
    /// use (RFC 2131 section 4.3.3), and ends that client's lease of it. Only an address of the range that
    /// the client holds or was offered: otherwise nothing changes and the reason comes back.
    /// </summary>
    public DhcpIgnoreReason? Decline(DhcpScope scope, string mac, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(address);
        if (!scope.InRange(address))
        {
            return DhcpIgnoreReason.DeclineOutsideRange;
        }

        uint value = Ipv4.FromAddress(address);
        bool holds = _byMac.TryGetValue(mac, out var lease) && lease.Address.Equals(address);
        bool offered = _offers.TryGetValue(value, out var offer) && offer.Mac == mac;
        if (!holds && !offered)
        {
            return DhcpIgnoreReason.NotLeaseHolder;
        }

        Release(mac, address);
        if (offered)
        {
            _offers.Remove(value);
            _offeredTo.Remove(mac);
        }

        var now = _time.GetUtcNow();
        PruneDeclined(now);
        _declined[value] = now + DeclineHold;
        return null;
    }

    /// <summary>Drops the expired entries, then, while the table is full, the one that ends first.</summary>
    private void PruneDeclined(DateTimeOffset now)
    {
        foreach (var (value, until) in _declined)
        {
            if (until <= now)
            {
                _declined.Remove(value);
            }
        }

        while (_declined.Count >= MaxDeclined)
        {
            _declined.Remove(_declined.MinBy(d => d.Value).Key);
        }
    }

    private IPAddress? Choose(DhcpScope scope, string mac, IPAddress? requested, DateTimeOffset now)
    {
        if (scope.ReservationFor(mac) is { } reservation)
        {
            return reservation.Address;
        }

        if (_byMac.TryGetValue(mac, out var current) && scope.InRange(current.Address) && !IsDeclined(current.Address, now))
        {
            return current.Address;
        }

        if (requested is not null && scope.InRange(requested) && WhyNot(scope, mac, requested, now) is null)
        {
            return requested;
        }

        // A client repeating its DISCOVER (firmware tries four times) is offered the same address again.
        if (_offeredTo.TryGetValue(mac, out var offered) && Ipv4.ToAddress(offered) is var held && WhyNot(scope, mac, held, now) is null)
        {
            return held;
        }

        return NextUnused(scope, mac, now) ?? OldestExpired(scope, mac, now);
    }

    /// <summary>
    /// The next address that nobody has held, going round the range from where the last search ended,
    /// so that a burst of new clients costs one step each rather than a walk over every lease so far.
    /// </summary>
    private IPAddress? NextUnused(DhcpScope scope, string mac, DateTimeOffset now)
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
            if (WhyNot(scope, mac, candidate, now) is null)
            {
                _cursors[first] = value == last ? first : value + 1;
                return candidate;
            }
        }

        return null;
    }

    /// <summary>When every address has been held: the free one whose lease ended longest ago.</summary>
    private IPAddress? OldestExpired(DhcpScope scope, string mac, DateTimeOffset now)
    {
        IPAddress? oldest = null;
        var oldestExpiry = DateTimeOffset.MaxValue;
        uint last = Ipv4.FromAddress(scope.RangeEnd);
        for (uint value = Ipv4.FromAddress(scope.RangeStart); value <= last && value != 0; value++)
        {
            if (_byAddress.TryGetValue(value, out var previous) && previous.Expires < oldestExpiry
                && WhyNot(scope, mac, Ipv4.ToAddress(value), now) is null)
            {
                oldestExpiry = previous.Expires;
                oldest = Ipv4.ToAddress(value);
            }
        }

        return oldest;
    }

    private string? WhyNot(DhcpScope scope, string mac, IPAddress address, DateTimeOffset now)
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

        if (scope.Reservations.Any(r => r.Address.Equals(address)))
        {
            return $"{address} is reserved for another client";
        }

        uint value = Ipv4.FromAddress(address);
        if (_byAddress.TryGetValue(value, out var holder) && holder.Mac != mac && holder.Expires > now)
        {
            return $"{address} is leased to {holder.Mac}";
        }

        if (_offers.TryGetValue(value, out var offer) && offer.Mac != mac && offer.Until > now)
        {
            return $"{address} is offered to {offer.Mac}";
        }

        return IsDeclined(address, now) ? $"{address} was declined as in use" : null;
    }

    private bool IsDeclined(IPAddress address, DateTimeOffset now) =>
        _declined.TryGetValue(Ipv4.FromAddress(address), out var until) && until > now;

    private void Remember(Lease lease)
    {
        uint value = Ipv4.FromAddress(lease.Address);
        if (_byAddress.TryGetValue(value, out var other) && other.Mac != lease.Mac)
        {
            _byMac.Remove(other.Mac);
        }

        _byMac[lease.Mac] = lease;
        _byAddress[value] = lease;
    }

    private void Forget(string mac)
    {
        if (_byMac.Remove(mac, out var lease))
        {
            _byAddress.Remove(Ipv4.FromAddress(lease.Address));
        }
    }

    /// <summary>
    /// Sets <paramref name="address"/> aside for <see cref="DeclineHold"/> because another host answered the
    /// probe for it before it was offered (RFC 2131 section 4.4.1), as if its client had declined it: the offer
    /// of it is withdrawn, and the client's next DISCOVER gets another address. Only an address of the range.
    /// </summary>
    public void SetAsideInUse(DhcpScope scope, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(address);
        if (!scope.InRange(address))
        {
            return;
        }

        uint value = Ipv4.FromAddress(address);
        if (_offers.Remove(value, out var offer) && _offeredTo.TryGetValue(offer.Mac, out var offered) && offered == value)
        {
            _offeredTo.Remove(offer.Mac);
        }

        var now = _time.GetUtcNow();
        PruneDeclined(now);
        _declined[value] = now + DeclineHold;
    }
}
