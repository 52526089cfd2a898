using System.Net;
using System.Net.Sockets;
using PxeKit.Server.Leases;

namespace PxeKit.Server.Dhcp6;

/// <summary>
/// Full mode's address bindings: one address per client DUID and IAID (RFC 8415 section 6.2, one IA_NA each), from
/// the range, kept in an <see cref="ILeaseStore"/> as ordinary leases whose address is IPv6 and whose
/// <see cref="Lease.Client"/> is the DUID followed by the IAID (<see cref="KeyOf"/>). An address is bound when
/// its lease is durable: <see cref="Bind"/> returns the store's write, and the Reply waits for it.
/// </summary>
public sealed class Dhcp6Bindings
{
    private readonly ILeaseStore _store;
    private readonly Dhcp6AddressRange _range;
    private readonly TimeSpan _valid;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<ClientKey, Lease> _byClient = [];
    private readonly Dictionary<IPAddress, ClientKey> _byAddress = [];
    /// <summary>Addresses a client declined (RFC 8415 section 18.3.8): not given again until a restart.</summary>
    private readonly HashSet<IPAddress> _declined = [];
    private int _cursor;

    /// <summary>Reads the IPv6 leases of <paramref name="store"/>; IPv4 leases in it are left to DHCPv4.</summary>
    public Dhcp6Bindings(ILeaseStore store, Dhcp6AddressRange range, TimeSpan validLifetime, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(range);
        _store = store;
        _range = range;
        _valid = validLifetime;
        _time = time;
        foreach (var lease in store.LoadAll())
        {
            if (lease.Address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                Remember(lease);
            }
        }
    }

    /// <summary>The lease key of one IA_NA: the DUID's bytes, then the IAID's four bytes, in colon hex.</summary>
    public static ClientKey KeyOf(ReadOnlySpan<byte> duid, uint iaid)
    {
        Span<byte> key = stackalloc byte[duid.Length + 4];
        duid.CopyTo(key);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(key[duid.Length..], iaid);
        return ClientKey.ForIdentifier(key);
    }

    /// <summary>The bound leases now (expired ones included until their address is given to another client).</summary>
    public IReadOnlyList<Lease> Leases
    {
        get
        {
            lock (_gate)
            {
                return [.. _byClient.Values];
            }
        }
    }

    public bool InRange(IPAddress address) => _range.Contains(address);

    /// <summary>Whether <paramref name="address"/> is on the range's link: in the /64 of its first address.</summary>
    public bool OnRangeLink(IPAddress address) => _range.OnLink(address);

    /// <summary>
    /// The address this client would get, without binding it (an Advertise): its current one, else the one it asks
    /// for when that is free, else the first free one; null when the range is used up.
    /// </summary>
    public IPAddress? Choose(ClientKey client, IPAddress? hint)
    {
        lock (_gate)
        {
            return ChooseLocked(client, hint);
        }
    }

    /// <summary>
    /// Binds an address to the client for the valid lifetime and stores it: the returned task completes when the lease is
    /// durable (the Reply waits for it) and faults when it could not be stored. Null when no address is free.
    /// </summary>
    public (Lease Lease, Task Durable)? Bind(ClientKey client, string mac, IPAddress? hint)
    {
        lock (_gate)
        {
            var address = ChooseLocked(client, hint);
            if (address is null)
            {
                return null;
            }

            var lease = new Lease(mac, address, _time.GetUtcNow() + _valid) { Client = client };
            Forget(client);
            if (_byAddress.TryGetValue(address, out var holder))
            {
                Forget(holder); // an expired lease whose address goes to this client
            }

            Remember(lease);
            return (lease, _store.SaveAsync(lease));
        }
    }

    /// <summary>The client's current lease, if it has one that has not expired.</summary>
    public Lease? Find(ClientKey client)
    {
        lock (_gate)
        {
            return _byClient.TryGetValue(client, out var lease) && lease.Expires > _time.GetUtcNow() ? lease : null;
        }
    }

    /// <summary>Ends the client's binding (Release): the task completes when the store has forgotten it.</summary>
    public Task Release(ClientKey client)
    {
        lock (_gate)
        {
            Forget(client);
            return _store.DeleteAsync(client);
        }
    }

    /// <summary>Ends the binding and sets the address aside: another host uses it (Decline).</summary>
    public Task Decline(ClientKey client, IPAddress address)
    {
        lock (_gate)
        {
            if (_range.Contains(address))
            {
                _declined.Add(address);
            }

            Forget(client);
            return _store.DeleteAsync(client);
        }
    }

    private IPAddress? ChooseLocked(ClientKey client, IPAddress? hint)
    {
        var now = _time.GetUtcNow();
        if (_byClient.TryGetValue(client, out var current) && !_declined.Contains(current.Address))
        {
            return current.Address;
        }

        if (hint is not null && _range.Contains(hint) && IsFree(hint, now))
        {
            return hint;
        }

        for (int tried = 0; tried < _range.Count; tried++)
        {
            var candidate = _range.At(_cursor);
            _cursor = (_cursor + 1) % _range.Count;
            if (IsFree(candidate, now))
            {
                return candidate;
            }
        }

        return null;
    }

    private bool IsFree(IPAddress address, DateTimeOffset now) =>
        !_declined.Contains(address)
        && (!_byAddress.TryGetValue(address, out var holder) || _byClient[holder].Expires <= now);

    private void Remember(Lease lease)
    {
        if (_byAddress.TryGetValue(lease.Address, out var holder))
        {
            Forget(holder);
        }

        Forget(lease.Client);
        _byClient[lease.Client] = lease;
        _byAddress[lease.Address] = lease.Client;
    }

    private void Forget(ClientKey client)
    {
        if (_byClient.Remove(client, out var lease))
        {
            _byAddress.Remove(lease.Address);
        }
    }
}
