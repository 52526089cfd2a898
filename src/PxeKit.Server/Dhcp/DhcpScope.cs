using System.Net;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Server.Dhcp;

/// <summary>The addresses PxeKit hands out on one subnet, and the options that go with them.</summary>
public sealed record DhcpScope
{
    /// <summary>The interface the subnet is on (relayed subnets name the interface requests arrive on).</summary>
    public required string Interface { get; init; }

    /// <summary>PxeKit's own address on that subnet: the server identifier and default next-server.</summary>
    public required IPAddress ServerAddress { get; init; }

    public required IPAddress SubnetMask { get; init; }

    /// <summary>
    /// The subnet's network address when it is not the interface's own subnet: a subnet behind a
    /// DHCP relay, whose requests carry a giaddr on it. Null for the interface's own subnet.
    /// </summary>
    public IPAddress? RelayedNetwork { get; init; }

    /// <summary>First address of the dynamic pool, inclusive.</summary>
    public required IPAddress RangeStart { get; init; }

    /// <summary>Last address of the dynamic pool, inclusive.</summary>
    public required IPAddress RangeEnd { get; init; }

    /// <summary>Option 3, when the subnet has a gateway.</summary>
    public IPAddress? Router { get; init; }

    /// <summary>Option 6.</summary>
    public IReadOnlyList<IPAddress> DnsServers { get; init; } = [];

    /// <summary>Other options for every client of the subnet (<c>options:</c>), sent when asked for or forced.</summary>
    public IReadOnlyList<ConfiguredOption> Options { get; init; } = [];

    /// <summary>The lease time of a scope that sets none: one hour.</summary>
    public static readonly TimeSpan DefaultLeaseTime = TimeSpan.FromHours(1);

    /// <summary>How long an acknowledged lease lasts. Default: <see cref="DefaultLeaseTime"/>.</summary>
    public TimeSpan LeaseTime { get; init; } = DefaultLeaseTime;

    public IReadOnlyList<DhcpReservation> Reservations { get; init; } = [];

    /// <summary>
    /// True when this server is the only one for the subnet, so it NAKs a client in INIT-REBOOT that asks
    /// for an address on another network (RFC 2131 section 4.3.2). Default: false, as in Kea and ISC
    /// dhcpd: such a client is left to the server that knows it.
    /// </summary>
    public bool Authoritative { get; init; }

    /// <summary>
    /// True when an address nobody holds is checked with an ARP probe before it is offered (RFC 2131 section
    /// 4.4.1). Default: true. Relayed subnets are never probed: they are not on the served link.
    /// </summary>
    public bool ProbeBeforeOffer { get; init; } = true;

    /// <summary>True when <paramref name="address"/> is on this scope's subnet.</summary>
    public bool OnSubnet(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        uint mask = Ipv4.FromAddress(SubnetMask);
        return (Ipv4.FromAddress(address) & mask) == (Ipv4.FromAddress(RelayedNetwork ?? ServerAddress) & mask);
    }

    /// <summary>True when <paramref name="address"/> is in the dynamic range.</summary>
    public bool InRange(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        uint value = Ipv4.FromAddress(address);
        return value >= Ipv4.FromAddress(RangeStart) && value <= Ipv4.FromAddress(RangeEnd);
    }

    public DhcpReservation? ReservationFor(string mac)
    {
        var reservations = Reservations;
        for (int i = 0; i < reservations.Count; i++) // indexed: a foreach on the interface would allocate its enumerator
        {
            if (string.Equals(reservations[i].Mac, mac, StringComparison.Ordinal))
            {
                return reservations[i];
            }
        }

        return null;
    }

    /// <summary>True when a reservation of this scope holds <paramref name="address"/>, for whichever client.</summary>
    public bool Reserves(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var reservations = Reservations;
        for (int i = 0; i < reservations.Count; i++) // a loop: a lambda over the address would be a closure for every REQUEST
        {
            if (reservations[i].Address.Equals(address))
            {
                return true;
            }
        }

        return false;
    }
}
