using System.Net;
using System.Net.Sockets;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Dhcp;

namespace PxeKit.Server.Machines;

/// <summary>
/// The reservations set through the management API: checked as the configuration's are, and added to the served
/// scopes (each to the scope whose subnet holds its address; a reservation of the configuration for the same MAC wins).
/// </summary>
public static class MachineReservations
{
    /// <summary>The scopes served: <paramref name="configured"/> with the reservations of <paramref name="machines"/> added.</summary>
    public static IReadOnlyList<DhcpScope> Apply(IReadOnlyList<DhcpScope> configured, IReadOnlyCollection<MachineOverride> machines)
    {
        ArgumentNullException.ThrowIfNull(configured);
        ArgumentNullException.ThrowIfNull(machines);
        var reserved = machines.Where(m => m.Address is not null).ToList();
        if (reserved.Count == 0)
        {
            return configured;
        }

        return [.. configured.Select(scope =>
        {
            var added = reserved
                .Where(m => scope.OnSubnet(m.Address!) && scope.ReservationFor(m.Mac) is null && !scope.Reserves(m.Address!))
                .Select(m => new DhcpReservation(m.Mac, m.Address!, m.HostName))
                .ToList();
            return added.Count == 0 ? scope : scope with { Reservations = [.. scope.Reservations, .. added] };
        })];
    }

    /// <summary>
    /// What is wrong with reserving <paramref name="address"/> for <paramref name="mac"/> (canonical):
    /// <paramref name="invalid"/> gets what no state of the server makes right (not IPv4, on no served subnet, the network,
    /// broadcast or server address, a host name that is not one), <paramref name="conflicts"/> what another holder stands in the way of (a reservation of
    /// the configuration for this MAC, the address reserved for another, or leased now to another: <paramref name="leasedTo"/>).
    /// </summary>
    public static void Check(
        IReadOnlyList<DhcpScope> configured,
        IReadOnlyCollection<MachineOverride> machines,
        string mac,
        IPAddress address,
        string? hostName,
        string? leasedTo,
        List<string> invalid,
        List<string> conflicts)
    {
        ArgumentNullException.ThrowIfNull(configured);
        ArgumentNullException.ThrowIfNull(machines);
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(invalid);
        ArgumentNullException.ThrowIfNull(conflicts);
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            invalid.Add($"{address} is not an IPv4 address");
            return;
        }

        if (configured.Count == 0)
        {
            invalid.Add("this server gives no addresses (proxy DHCP, or DHCP off): there is no scope to reserve in");
            return;
        }

        if (configured.FirstOrDefault(s => s.OnSubnet(address)) is not { } scope)
        {
            invalid.Add($"{address} is on no served subnet ({string.Join(", ", configured.Select(Describe))})");
            return;
        }

        uint value = Ipv4.FromAddress(address);
        uint mask = Ipv4.FromAddress(scope.SubnetMask);
        if ((value & ~mask) == 0)
        {
            invalid.Add($"{address} is the network address of {Describe(scope)}");
        }
        else if ((value & ~mask) == ~mask)
        {
            invalid.Add($"{address} is the broadcast address of {Describe(scope)}");
        }
        else if (address.Equals(scope.ServerAddress))
        {
            invalid.Add($"{address} is the server's own address on {scope.Interface}");
        }

        if (hostName is not null && !IsHostName(hostName))
        {
            invalid.Add($"'{hostName}' is not a host name (letters, digits, '-' and '.', at most {MaxHostName} characters)");
        }

        if (configured.Select(s => s.ReservationFor(mac)).OfType<DhcpReservation>().FirstOrDefault() is { } yaml)
        {
            conflicts.Add($"the configuration reserves {yaml.Address} for {mac}, and it wins: change it there");
        }

        if (configured.SelectMany(s => s.Reservations).FirstOrDefault(r => r.Address.Equals(address) && r.Mac != mac) is { } other)
        {
            conflicts.Add($"{address} is reserved for {other.Mac} in the configuration");
        }

        if (machines.FirstOrDefault(m => address.Equals(m.Address) && m.Mac != mac) is { } api)
        {
            conflicts.Add($"{address} is reserved for {api.Mac} through the API");
        }

        if (leasedTo is not null && leasedTo != mac)
        {
            conflicts.Add($"{address} is leased now to {leasedTo}");
        }
    }

    /// <summary>The longest host name taken (a DNS name's length).</summary>
    public const int MaxHostName = 253;

    private static bool IsHostName(string name) =>
        name.Length is > 0 and <= MaxHostName && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');

    private static string Describe(DhcpScope scope) =>
        $"{Ipv4.Format(Ipv4.FromAddress(scope.RelayedNetwork ?? scope.ServerAddress) & Ipv4.FromAddress(scope.SubnetMask))}/{System.Numerics.BitOperations.PopCount(Ipv4.FromAddress(scope.SubnetMask))}";
}
