using System.Net;
using System.Net.Sockets;
using PxeKit.Core.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Dhcp;

namespace PxeKit.Cli.Config;

/// <summary>The DHCP scopes of a configuration: the interface's own subnet and the relayed ones, validated.</summary>
internal static class ScopeSettings
{
    /// <param name="at">Where <paramref name="section"/> is in the file, for the errors: <c>dhcp</c>, or <c>interfaces[eth1].dhcp</c>.</param>
    public static DhcpScope? Build(InterfaceAddress nic, string? range, DhcpSection? section, List<string> errors, string at = "dhcp")
    {
        int before = errors.Count;
        var scopeProbe = new DhcpScope
        {
            Interface = nic.Interface,
            ServerAddress = nic.Address,
            SubnetMask = nic.Mask,
            RangeStart = nic.Address,
            RangeEnd = nic.Address,
        };

        (IPAddress First, IPAddress Last)? pool = range is null ? DefaultRange(nic) : ParseRange(range, errors);
        if (range is null && pool is null)
        {
            errors.Add($"the subnet of {nic.Interface} ({nic.Address}/{nic.Mask}) is too small for a default range: give --dhcp-range");
        }
        if (pool is { } p)
        {
            if (!scopeProbe.OnSubnet(p.First) || !scopeProbe.OnSubnet(p.Last))
            {
                errors.Add($"the DHCP range {p.First}-{p.Last} is not on the subnet of {nic.Interface} ({nic.Address}/{nic.Mask})");
            }
            else if (Ipv4.FromAddress(p.First) > Ipv4.FromAddress(p.Last))
            {
                errors.Add($"the DHCP range {p.First}-{p.Last} ends before it starts");
            }
        }

        var leaseTime = TimeSpan.FromHours(1);
        if (section?.LeaseTime is { } text && !Durations.TryParse(text, out leaseTime))
        {
            errors.Add($"{at}.lease-time '{text}' is not a duration (like 3600, 30m, 12h)");
        }

        var router = section?.Router is { } routerText ? ParseAddress(routerText, $"{at}.router", errors) : null;
        var options = OptionSettings.Build(section?.Options, $"{at}.options", errors);
        var dns = (section?.Dns ?? []).Select(d => ParseAddress(d, $"{at}.dns", errors)).OfType<IPAddress>().ToList();
        var reservations = new List<DhcpReservation>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int index = 0;
        foreach (var entry in section?.Reservations ?? [])
        {
            index++;
            var where = $"{at}.reservations[{index}]";
            if (entry is null)
            {
                errors.Add($"{where}: an empty entry"); // a null YAML item (found by fuzzing)
                continue;
            }

            var mac = MacAddress.Normalize(entry.Mac);
            if (mac is null)
            {
                errors.Add($"{where}: '{entry.Mac}' is not a MAC address (like 52:54:00:12:34:56)");
            }
            else if (!seen.Add(mac))
            {
                errors.Add($"{where}: {mac} is reserved twice");
            }

            var address = entry.Address is null ? null : ParseAddress(entry.Address, $"{where}.address", errors);
            if (entry.Address is null)
            {
                errors.Add($"{where}: no address");
            }
            else if (address is not null && !scopeProbe.OnSubnet(address))
            {
                errors.Add($"{where}: {address} is not on the subnet of {nic.Interface}");
            }

            if (mac is not null && address is not null)
            {
                reservations.Add(new DhcpReservation(mac, address, entry.Hostname));
            }
        }

        if (errors.Count > before || pool is null)
        {
            return null;
        }

        return scopeProbe with
        {
            RangeStart = pool.Value.First,
            RangeEnd = pool.Value.Last,
            LeaseTime = leaseTime,
            Router = router,
            DnsServers = dns,
            Reservations = reservations,
            Authoritative = section?.Authoritative ?? false,
            ProbeBeforeOffer = section?.Probe ?? true,
            Options = options,
        };
    }

    public static List<DhcpScope> BuildRelayed(DhcpScope own, List<RelayedSection>? sections, List<string> errors, string at = "dhcp")
    {
        var scopes = new List<DhcpScope>();
        int index = 0;
        foreach (var section in sections ?? [])
        {
            index++;
            var where = $"{at}.relayed[{index}]";
            if (section is null)
            {
                errors.Add($"{where}: an empty entry"); // a null YAML item (found by fuzzing)
                continue;
            }

            if (!TryParseSubnet(section.Subnet, out var network, out var mask))
            {
                errors.Add($"{where}: subnet '{section.Subnet}' is not NETWORK/PREFIX (like 10.60.0.0/24)");
                continue;
            }

            var probe = own with { RelayedNetwork = network, SubnetMask = mask, Router = null, DnsServers = [], Reservations = [], ProbeBeforeOffer = false };
            if (own.OnSubnet(network))
            {
                errors.Add($"{where}: {section.Subnet} is the interface's own subnet, which needs no relay");
                continue;
            }

            var range = section.Range is null ? null : ParseRange(section.Range, errors);
            if (range is null)
            {
                if (section.Range is null)
                {
                    errors.Add($"{where}: no range");
                }

                continue;
            }

            if (!probe.OnSubnet(range.Value.Item1) || !probe.OnSubnet(range.Value.Item2))
            {
                errors.Add($"{where}: the range {section.Range} is not in {section.Subnet}");
                continue;
            }

            var router = section.Router is null ? null : ParseAddress(section.Router, $"{where}.router", errors);
            scopes.Add(probe with
            {
                RangeStart = range.Value.Item1,
                RangeEnd = range.Value.Item2,
                Router = router,
                DnsServers = (section.Dns ?? []).Select(d => ParseAddress(d, $"{where}.dns", errors)).OfType<IPAddress>().ToList(),
                // Its own list, or the options of the scope it is relayed to.
                Options = section.Options is null ? own.Options : OptionSettings.Build(section.Options, $"{where}.options", errors),
            });
        }

        return scopes;
    }

    private static bool TryParseSubnet(string? text, out IPAddress network, out IPAddress mask)
    {
        network = IPAddress.Any;
        mask = IPAddress.Any;
        var parts = text?.Split('/') ?? [];
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var address) || address.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out int prefix) || prefix is < 8 or > 30)
        {
            return false;
        }

        uint maskValue = uint.MaxValue << (32 - prefix);
        mask = Ipv4.ToAddress(maskValue);
        network = Ipv4.ToAddress(Ipv4.FromAddress(address) & maskValue);
        return true;
    }

    /// <summary>Without --dhcp-range: the upper half of the interface's subnet, less its broadcast address.</summary>
    internal static (IPAddress, IPAddress)? DefaultRange(InterfaceAddress nic)
    {
        uint mask = Ipv4.FromAddress(nic.Mask);
        uint network = Ipv4.FromAddress(nic.Address) & mask;
        uint size = ~mask + 1;
        if (size < 8)
        {
            return null;
        }

        return (Ipv4.ToAddress(network + (size / 2)), Ipv4.ToAddress(network + size - 2));
    }

    private static (IPAddress, IPAddress)? ParseRange(string text, List<string> errors)
    {
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && IPAddress.TryParse(parts[0], out var first) && first.AddressFamily == AddressFamily.InterNetwork
            && IPAddress.TryParse(parts[1], out var last) && last.AddressFamily == AddressFamily.InterNetwork)
        {
            return (first, last);
        }

        errors.Add($"the DHCP range '{text}' is not FIRST-LAST (like 10.47.0.100-10.47.0.199)");
        return null;
    }

    private static IPAddress? ParseAddress(string text, string what, List<string> errors)
    {
        if (IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetwork)
        {
            return address;
        }

        errors.Add($"{what}: '{text}' is not an IPv4 address");
        return null;
    }
}
