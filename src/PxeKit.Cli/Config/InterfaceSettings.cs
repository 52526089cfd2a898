using PxeKit.Core.Net;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Cli.Config;

/// <summary>
/// The interfaces <c>serve</c> serves: named on the command line (<c>--interface</c>, as often as needed), else by
/// <c>interfaces:</c> or <c>interface:</c> in the file; each found with its IPv4 address, and given its <c>dhcp:</c>
/// section, its own keys over the top-level ones.
/// </summary>
internal static class InterfaceSettings
{
    /// <summary>The names of the interfaces to serve, in order, each once; empty when none is named (an error says so).</summary>
    public static List<string> Names(ServeArguments arguments, PxeKitConfig config, List<string> errors)
    {
        if (config.Interface is not null && config.Interfaces is not null)
        {
            errors.Add("the configuration file has both 'interface:' and 'interfaces:': keep one ('interfaces:' for several)");
        }

        var listed = new List<string>();
        int index = 0;
        foreach (var entry in config.Interfaces ?? [])
        {
            index++;
            if (string.IsNullOrWhiteSpace(entry?.Name))
            {
                errors.Add($"interfaces[{index}]: no name");
            }
            else
            {
                listed.Add(entry.Name);
            }
        }

        var names = arguments.Interfaces.Count > 0 ? [.. arguments.Interfaces]
            : listed.Count > 0 ? listed
            : config.Interface is { } single ? [single]
            : new List<string>();
        foreach (var twice in names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"the interface {twice.Key} is named twice");
        }

        if (names.Count == 0)
        {
            errors.Add("no interface: give --interface IF (or 'interface:' in the configuration file); several are served with --interface given once for each");
        }

        return [.. names.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Each interface with its IPv4 address; one that is missing or has none is an error, and left out.</summary>
    public static List<InterfaceAddress> Find(IReadOnlyList<string> names, Func<string, InterfaceAddress?> findInterface, List<string> errors)
    {
        var found = new List<InterfaceAddress>();
        foreach (var name in names)
        {
            if (findInterface(name) is { } nic)
            {
                found.Add(nic);
            }
            else
            {
                errors.Add(InterfaceAddress.Exists(name)
                    ? $"the interface {name} has no IPv4 address: give it one (ip addr add ADDRESS/PREFIX dev {name})"
                    : $"the interface {name} does not exist (ip -br link lists the interfaces)");
            }
        }

        for (int i = 0; i < found.Count; i++)
        {
            for (int j = i + 1; j < found.Count; j++)
            {
                if (Overlap(found[i], found[j]))
                {
                    errors.Add($"{found[i].Interface} ({found[i].Address}/{found[i].Mask}) and {found[j].Interface} ({found[j].Address}/{found[j].Mask}) are on one subnet: "
                        + "serve it on one of them (a bridge joins two links into one)");
                }
            }
        }

        return found;
    }

    /// <summary>
    /// The <c>dhcp:</c> of the interface <paramref name="name"/>: its own keys, and the top-level ones it does not give.
    /// A top-level range, router, reservations or relayed subnets belong to one subnet: with several interfaces they
    /// are not shared (<see cref="CheckShared"/> says so); <c>rate-limit</c> is the whole server's.
    /// </summary>
    public static DhcpSection? Dhcp(PxeKitConfig config, string name, bool several)
    {
        var top = config.Dhcp;
        var own = config.Interfaces?.FirstOrDefault(i => i?.Name == name)?.Dhcp;
        if (own is null && top is null)
        {
            return null;
        }

        return new DhcpSection
        {
            Range = own?.Range ?? (several ? null : top?.Range),
            Router = own?.Router ?? (several ? null : top?.Router),
            Reservations = own?.Reservations ?? (several ? null : top?.Reservations),
            Relayed = own?.Relayed ?? (several ? null : top?.Relayed),
            LeaseTime = own?.LeaseTime ?? top?.LeaseTime,
            Dns = own?.Dns ?? top?.Dns,
            Authoritative = own?.Authoritative ?? top?.Authoritative,
            Probe = own?.Probe ?? top?.Probe,
            Options = own?.Options ?? top?.Options,
            RateLimit = top?.RateLimit,
        };
    }

    /// <summary>What cannot be shared by several interfaces, or does not belong under one.</summary>
    public static void CheckShared(PxeKitConfig config, IReadOnlyList<string> names, List<string> errors)
    {
        if (names.Count > 1 && config.Dhcp is { } top)
        {
            var subnetKeys = new[] { (top.Range, "range"), (top.Router, "router"), ((object?)top.Reservations, "reservations"), (top.Relayed, "relayed") }
                .Where(k => k.Item1 is not null)
                .Select(k => k.Item2)
                .ToList();
            if (subnetKeys.Count > 0)
            {
                errors.Add($"dhcp: {string.Join(", ", subnetKeys)} belong to one subnet, and {names.Count} interfaces are served: put them under the interface they serve (interfaces: - name: IF, dhcp: ...)");
            }
        }

        foreach (var entry in config.Interfaces ?? [])
        {
            if (entry?.Dhcp?.RateLimit is not null)
            {
                errors.Add($"interfaces[{entry.Name}].dhcp.rate-limit: the rate limit is the whole server's: put it in the top-level dhcp section");
            }
        }
    }

    private static bool Overlap(InterfaceAddress a, InterfaceAddress b)
    {
        uint mask = Ipv4.FromAddress(a.Mask) & Ipv4.FromAddress(b.Mask);
        return (Ipv4.FromAddress(a.Address) & mask) == (Ipv4.FromAddress(b.Address) & mask);
    }
}
