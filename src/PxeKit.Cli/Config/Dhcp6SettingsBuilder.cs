using System.Net;
using System.Net.Sockets;
using PxeKit.Server.Dhcp6;

namespace PxeKit.Cli.Config;

/// <summary>The DHCPv6 settings from <c>dhcp6:</c>, every mistake reported together.</summary>
internal static class Dhcp6SettingsBuilder
{
    private static readonly TimeSpan DefaultLeaseTime = TimeSpan.FromHours(2);

    /// <summary>The settings, or null when there is no <c>dhcp6:</c> section (or it has mistakes, then in <paramref name="errors"/>).</summary>
    public static Dhcp6Settings? Build(Dhcp6Section? section, List<string> errors)
    {
        if (section is null)
        {
            return null;
        }

        var before = errors.Count;
        var mode = section.Mode switch
        {
            null or "full" => Dhcp6Mode.Full,
            "boot-only" => Dhcp6Mode.BootOnly,
            _ => Refused(errors, $"dhcp6: mode '{section.Mode}' is neither full nor boot-only"),
        };
        IPAddress? first = null, last = null;
        if (section.Range is { } range)
        {
            var parts = range.Split('-', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !IsIpv6(parts[0], out first) || !IsIpv6(parts[1], out last))
            {
                errors.Add($"dhcp6: range '{range}' is not FIRST-LAST with two IPv6 addresses (fd00:47::100-fd00:47::1ff)");
            }
        }
        else if (mode == Dhcp6Mode.Full)
        {
            errors.Add("dhcp6: full mode needs a range (fd00:47::100-fd00:47::1ff); boot-only mode (mode: boot-only) needs none");
        }

        var lease = DefaultLeaseTime;
        if (section.LeaseTime is { } text && (!Durations.TryParse(text, out lease) || lease < TimeSpan.FromMinutes(1)))
        {
            errors.Add($"dhcp6: lease-time '{text}' is not a duration of a minute or more (2h, 30m, 86400)");
        }

        var dns = new List<IPAddress>();
        foreach (var server in section.Dns ?? [])
        {
            if (IsIpv6(server, out var address))
            {
                dns.Add(address);
            }
            else
            {
                errors.Add($"dhcp6: dns '{server}' is not an IPv6 address");
            }
        }

        if (errors.Count > before)
        {
            return null;
        }

        var settings = new Dhcp6Settings
        {
            Mode = mode,
            RangeStart = first,
            RangeEnd = last,
            ValidLifetime = lease,
            PreferredLifetime = lease / 2,
            DnsServers = dns,
        };
        var invalid = settings.Validate();
        errors.AddRange(invalid);
        return invalid.Count == 0 ? settings : null;
    }

    private static bool IsIpv6(string text, out IPAddress address) =>
        IPAddress.TryParse(text, out address!) && address.AddressFamily == AddressFamily.InterNetworkV6;

    private static Dhcp6Mode Refused(List<string> errors, string error)
    {
        errors.Add(error);
        return Dhcp6Mode.Full;
    }
}
