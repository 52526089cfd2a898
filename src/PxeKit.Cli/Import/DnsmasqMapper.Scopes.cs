using System.Globalization;
using System.Net;
using PxeKit.Cli.Config;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Cli.Import;

public sealed partial class DnsmasqMapper
{
    /// <summary>dnsmasq never gives a lease shorter than two minutes; a shorter one is raised to that.</summary>
    private static readonly TimeSpan ShortestLease = TimeSpan.FromMinutes(2);

    /// <summary>Without a netmask in its dhcp-range, a range's subnet is taken to be its /24 (dnsmasq takes the interface's).</summary>
    private const int AssumedPrefix = 24;

    /// <summary>The ranges mapped, with their interface (null: the only one), to place reservations by subnet.</summary>
    private readonly List<(string? Interface, DhcpRangeDirective Range)> _ranges = [];

    /// <summary>The line that reserved each MAC and each address.</summary>
    private readonly Dictionary<string, DnsmasqLine> _reservedBy = new(StringComparer.Ordinal);

    private void MapRanges()
    {
        var ranges = _directives.OfType<DhcpRangeDirective>().ToList();
        bool proxy = ranges.Count > 0 && ranges.All(r => r.Mode == DhcpRangeMode.Proxy);
        if (proxy)
        {
            Config.Mode = "proxy";
        }

        foreach (var range in ranges)
        {
            if (!TryInterfaceOf(range, out var nic, out var why))
            {
                Leave(range.Line, why);
            }
            else if (range.Mode == DhcpRangeMode.Proxy && !proxy)
            {
                Leave(range.Line, "a proxy range beside ranges that hand out addresses: PxeKit's mode: is the whole server's (full here)");
            }
            else if (range.Mode == DhcpRangeMode.Static)
            {
                Leave(range.Line, "a static range (reservations only): PxeKit hands out addresses from a range, and serves reservations beside it");
            }
            else if (range.Mode == DhcpRangeMode.Dynamic && DhcpOf(nic) is { Range: { } taken })
            {
                Leave(range.Line, $"a second range on {nic ?? "the interface"} ({taken} is the first): PxeKit serves one range a subnet, and a range on a relayed subnet needs that subnet (relayed:), which the import cannot tell");
            }
            else
            {
                if (range.Mode == DhcpRangeMode.Dynamic)
                {
                    var dhcp = DhcpOf(nic);
                    dhcp.Range = $"{range.Start}-{range.End}";
                    MapLeaseTime(range, dhcp);
                    _ranges.Add((nic, range));
                }

                if (range.SetTag is { } set)
                {
                    _tags.Add(set, nic is null || !Several ? ClientCondition.Everyone : new ClientCondition(ClientConditionKind.Interface, nic));
                }

                continue;
            }

            if (range.SetTag is { } unknown)
            {
                _tags.Unknown(unknown, $"the dhcp-range of line {range.Line.Number}");
            }
        }
    }

    /// <summary>
    /// The interface a range serves: the only one, or the one it names with tag:IF. With several, dnsmasq picks a range
    /// by the subnet of the interface a request arrives on, which only the running host knows.
    /// </summary>
    private bool TryInterfaceOf(DhcpRangeDirective range, out string? nic, out string why)
    {
        nic = null;
        why = "";
        var named = range.Tags.Where(t => !t.Negated && _interfaces.Contains(t.Name)).Select(t => t.Name).Distinct().ToList();
        var others = range.Tags.Where(t => t.Negated || !_interfaces.Contains(t.Name)).ToList();
        if (others.Count > 0)
        {
            why = $"a range for requests with {string.Join(",", others)}: a PxeKit range serves everyone on its subnet";
            return false;
        }

        if (!Several)
        {
            nic = _interfaces.Count == 1 ? _interfaces[0] : null;
            return true;
        }

        if (named.Count == 1)
        {
            nic = named[0];
            return true;
        }

        why = "several interfaces, and dnsmasq gives a range to the one whose subnet holds it, which only the running host knows: tag the range with tag:INTERFACE, or move it under interfaces: by hand";
        return false;
    }

    private void MapLeaseTime(DhcpRangeDirective range, DhcpSection dhcp)
    {
        if (range.LeaseTime == Timeout.InfiniteTimeSpan)
        {
            Leave(range.Line, "an infinite lease time: PxeKit's leases always end; lease-time is left at its default, 1h");
        }
        else if (range.LeaseTime is { } time)
        {
            dhcp.LeaseTime = Duration(time < ShortestLease ? ShortestLease : time);
        }
    }

    /// <summary>A duration as PxeKit's configuration writes it, in the largest unit that holds it whole.</summary>
    internal static string Duration(TimeSpan time)
    {
        long seconds = (long)time.TotalSeconds;
        return seconds % 86400 == 0 ? $"{seconds / 86400}d"
            : seconds % 3600 == 0 ? $"{seconds / 3600}h"
            : seconds % 60 == 0 ? $"{seconds / 60}m"
            : seconds.ToString(CultureInfo.InvariantCulture);
    }

    private void MapHosts()
    {
        foreach (var host in _directives.OfType<DhcpHostDirective>())
        {
            var line = host.Line;
            if (host.Macs.Count == 0 || host.Macs.Any(m => m.Contains('*', StringComparison.Ordinal)))
            {
                Leave(line, host.Macs.Count == 0 ? "no MAC: PxeKit reserves addresses and groups machines by MAC" : "a MAC with wildcards: PxeKit's reservations and groups name whole MACs");
                if (host.SetTag is { } unknown)
                {
                    _tags.Unknown(unknown, $"the dhcp-host of line {line.Number}");
                }

                continue;
            }

            if (host.SetTag is { } set)
            {
                var groups = Config.Groups ??= [];
                if (!groups.TryGetValue(set, out var members))
                {
                    groups[set] = members = [];
                }

                members.AddRange(host.Macs.Where(m => !members.Contains(m)));
                _tags.Add(set, new ClientCondition(ClientConditionKind.Group, set));
            }

            if (host.Address is { } address)
            {
                MapReservation(host, address);
            }
            else if (host.Hostname is not null)
            {
                Leave(line, $"the host name {host.Hostname} without an address: PxeKit gives a host name with a reservation only");
            }
            else if (host.SetTag is null)
            {
                Leave(line, "neither an address nor a tag: nothing PxeKit keeps");
            }

            if (host.Others.Count > 0)
            {
                Leave(line, $"{string.Join(", ", host.Others)}: not kept (PxeKit reserves by MAC, with its scope's lease time; no client ids, ignore, tag: or IPv6)");
            }
        }
    }

    private void MapReservation(DhcpHostDirective host, IPAddress address)
    {
        if (host.Macs.Count > 1)
        {
            Leave(host.Line, "several MACs for one address: PxeKit reserves an address for one MAC");
            return;
        }

        string? nic = null;
        if (Several)
        {
            var holders = _ranges.Where(r => OnSubnetOf(r.Range, address)).Select(r => r.Interface).Distinct().ToList();
            if (holders.Count != 1)
            {
                Leave(host.Line, $"several interfaces, and no mapped range's subnet holds {address} (a range without a netmask is taken as its /{AssumedPrefix})");
                return;
            }

            nic = holders[0];
        }

        var dhcp = DhcpOf(nic);
        if (_reservedBy.TryGetValue(host.Macs[0], out var earlier) || _reservedBy.TryGetValue(address.ToString(), out earlier))
        {
            Leave(host.Line, $"{host.Macs[0]} or {address} is reserved already ({earlier.File}:{earlier.Number}): PxeKit reserves one address for one MAC");
            return;
        }

        _reservedBy[host.Macs[0]] = _reservedBy[address.ToString()] = host.Line;
        (dhcp.Reservations ??= []).Add(new ReservationSection { Mac = host.Macs[0], Address = address.ToString(), Hostname = host.Hostname });
    }

    private static bool OnSubnetOf(DhcpRangeDirective range, IPAddress address)
    {
        uint mask = range.Mask is { } m ? Ipv4.FromAddress(m) : uint.MaxValue << (32 - AssumedPrefix);
        return (Ipv4.FromAddress(range.Start) & mask) == (Ipv4.FromAddress(address) & mask);
    }
}
