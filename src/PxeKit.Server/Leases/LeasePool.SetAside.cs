using System.Net;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Dhcp;

namespace PxeKit.Server.Leases;

/// <summary>
/// Addresses set aside for <see cref="DeclineHold"/>: declined by the client that held them (RFC 2131 section 4.3.3), or
/// answered for by another host when probed before an offer (section 4.4.1). The table is bounded by <see cref="MaxDeclined"/>.
/// </summary>
public sealed partial class LeasePool
{
    /// <summary>Declines for the client with this MAC and no identifier (see the overload with a key).</summary>
    public DhcpIgnoreReason? Decline(DhcpScope scope, string mac, IPAddress address) => Decline(scope, ClientKey.ForMac(mac), mac, address);

    /// <summary>
    /// Sets <paramref name="address"/> aside for <see cref="DeclineHold"/> because its client found it in
    /// use (RFC 2131 section 4.3.3), and ends that client's lease of it. Only an address of the range that
    /// the client holds or was offered: otherwise nothing changes and the reason comes back.
    /// </summary>
    public DhcpIgnoreReason? Decline(DhcpScope scope, ClientKey client, string mac, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(address);
        if (!scope.InRange(address))
        {
            return DhcpIgnoreReason.DeclineOutsideRange;
        }

        uint value = Ipv4.FromAddress(address);
        bool holds = Current(client, mac) is { } pooled && pooled.Lease.Address.Equals(address);
        bool offered = _offers.TryGetValue(value, out var offer) && offer.Client == client;
        if (!holds && !offered)
        {
            return DhcpIgnoreReason.NotLeaseHolder;
        }

        Release(client, mac, address);
        if (offered)
        {
            _offers.Remove(value);
            _offeredTo.Remove(client);
        }

        long now = _time.GetTimestamp();
        PruneDeclined(now);
        _declined[value] = After(now, DeclineHold);
        return null;
    }

    /// <summary>Drops the expired entries, then, while the table is full, the one that ends first.</summary>
    private void PruneDeclined(long now)
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
        if (_offers.Remove(value, out var offer) && _offeredTo.TryGetValue(offer.Client, out var offered) && offered == value)
        {
            _offeredTo.Remove(offer.Client);
        }

        long now = _time.GetTimestamp();
        PruneDeclined(now);
        _declined[value] = After(now, DeclineHold);
    }

    private bool IsDeclined(IPAddress address, long now) =>
        _declined.TryGetValue(Ipv4.FromAddress(address), out var until) && until > now;
}
