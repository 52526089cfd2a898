using System.Net;
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

    private readonly ILeaseStore _store;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Lease> _byMac = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, Lease> _byAddress = [];
    private readonly Dictionary<uint, (string Mac, DateTimeOffset Until)> _offers = [];
    private readonly Dictionary<uint, DateTimeOffset> _declined = [];

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

    public Lease? Find(string mac) => _byMac.GetValueOrDefault(mac);

    /// <summary>
    /// The address to offer: the client's reservation, else its current lease, else the address it
    /// asks for if free, else the free address in the range that was used least recently. Null when
    /// the range is exhausted. The address is held for <see cref="OfferHold"/>.
    /// </summary>
    public IPAddress? Offer(DhcpScope scope, string mac, IPAddress? requested)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var now = _time.GetUtcNow();
        var chosen = Choose(scope, mac, requested, now);
        if (chosen is { } address)
        {
            _offers[Ipv4.FromAddress(address)] = (mac, now + OfferHold);
        }

        return chosen;
    }

    /// <summary>
    /// Binds <paramref name="address"/> to the client if it may have it, durably, and returns the
    /// lease; returns null with a reason when it may not (the caller NAKs).
    /// </summary>
    public Lease? Commit(DhcpScope scope, string mac, IPAddress address, string? hostName, out string? refusal)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var now = _time.GetUtcNow();
        refusal = WhyNot(scope, mac, address, now);
        if (refusal is not null)
        {
            return null;
        }

        var lease = new Lease(mac, address, now + scope.LeaseTime, hostName);
        _store.Save(lease);
        Forget(mac);
        Remember(lease);
        _offers.Remove(Ipv4.FromAddress(address));
        return lease;
    }

    public void Release(string mac, IPAddress address)
    {
        if (_byMac.TryGetValue(mac, out var lease) && lease.Address.Equals(address))
        {
            _store.Delete(mac);
            Forget(mac);
        }
    }

    public void Decline(string mac, IPAddress address)
    {
        Release(mac, address);
        _declined[Ipv4.FromAddress(address)] = _time.GetUtcNow() + DeclineHold;
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

        IPAddress? oldestExpired = null;
        var oldestExpiry = DateTimeOffset.MaxValue;
        uint last = Ipv4.FromAddress(scope.RangeEnd);
        for (uint value = Ipv4.FromAddress(scope.RangeStart); value <= last && value != 0; value++)
        {
            var candidate = Ipv4.ToAddress(value);
            if (WhyNot(scope, mac, candidate, now) is not null)
            {
                continue;
            }

            if (!_byAddress.TryGetValue(value, out var previous))
            {
                return candidate;
            }

            if (previous.Expires < oldestExpiry)
            {
                oldestExpiry = previous.Expires;
                oldestExpired = candidate;
            }
        }

        return oldestExpired;
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
}
