using System.Numerics;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;
using PxeKit.Server.Dhcp;

namespace PxeKit.Host;

/// <summary>
/// What a reload changes: the running settings against those read again, compared field by field (records hold lists,
/// whose own equality is by reference). Settings the listeners were bound or opened with need a restart: a reload
/// keeps them as they were and says so.
/// </summary>
internal static class ReloadChanges
{
    /// <summary>The settings to run after the reload: <paramref name="next"/>, with what needs a restart as it runs now.</summary>
    public static ServeSettings Applied(ServeSettings running, ServeSettings next)
    {
        var keepScopes = !SameInterfaces(running, next) || next.Mode != running.Mode;
        return next with
        {
            Interfaces = running.Interfaces,
            LeaseDb = running.LeaseDb,
            Mode = running.Mode,
            HttpPort = running.HttpPort,
            HttpConnections = running.HttpConnections,
            TftpPort = running.TftpPort,
            TftpLimits = running.TftpLimits,
            RateLimit = running.RateLimit,
            Capture = running.Capture,
            RouterAdvertisements = running.RouterAdvertisements,
            Dhcp6 = running.Dhcp6,
            Management = running.Management,
            BootApi = running.BootApi,
            BootApiTimeout = running.BootApiTimeout,
            InterfacePoll = running.InterfacePoll,

            // Read while an interface may have had another address than the one served (its watch has not seen it yet):
            // the served one, until the watch readdresses everything at once.
            Scopes = keepScopes
                ? running.Scopes
                : [.. next.Scopes.Select(s => Served(s, next, running))],
        };
    }

    /// <summary>The scope read again, with the address its interface is served on now where it was read with the one read.</summary>
    private static DhcpScope Served(DhcpScope scope, ServeSettings next, ServeSettings running)
    {
        var read = next.Interfaces.First(i => i.Name == scope.Interface).Address;
        var serving = running.Interfaces.First(i => i.Name == scope.Interface).Address;
        return scope.ServerAddress.Equals(read) ? scope with { ServerAddress = serving } : scope;
    }

    /// <summary>The same DHCPv6 settings, its DNS servers compared by value (a record compares its lists by reference).</summary>
    private static bool SameDhcp6(Server.Dhcp6.Dhcp6Settings? a, Server.Dhcp6.Dhcp6Settings? b) =>
        a is null || b is null
            ? a is null && b is null
            : a with { DnsServers = [] } == b with { DnsServers = [] } && a.DnsServers.SequenceEqual(b.DnsServers);

    /// <summary>The same interfaces, in the same order: their addresses may differ (the watch follows those).</summary>
    private static bool SameInterfaces(ServeSettings running, ServeSettings next) =>
        running.Interfaces.Select(i => i.Name).SequenceEqual(next.Interfaces.Select(i => i.Name), StringComparer.Ordinal);

    /// <summary>What changed from <paramref name="running"/> to <paramref name="next"/>: applied, and needing a restart.</summary>
    public static ReloadFacts Compare(ServeSettings running, ServeSettings next)
    {
        var restart = new List<ReloadSetting>();
        void Restart(bool changed, ReloadSetting setting)
        {
            if (changed)
            {
                restart.Add(setting);
            }
        }

        Restart(!SameInterfaces(running, next), ReloadSetting.Interface);
        Restart(next.LeaseDb != running.LeaseDb, ReloadSetting.LeaseDb);
        Restart(next.Mode != running.Mode, ReloadSetting.Mode);
        Restart(next.HttpPort != running.HttpPort, ReloadSetting.HttpPort);
        Restart(next.HttpConnections != running.HttpConnections, ReloadSetting.HttpLimits);
        Restart(next.TftpPort != running.TftpPort, ReloadSetting.TftpPort);
        Restart(next.TftpLimits != running.TftpLimits, ReloadSetting.TftpLimits);
        Restart(next.RateLimit != running.RateLimit, ReloadSetting.RateLimit);
        Restart(next.Capture != running.Capture, ReloadSetting.Capture);
        Restart(next.RouterAdvertisements != running.RouterAdvertisements, ReloadSetting.RouterAdvertisements);
        Restart(!SameDhcp6(next.Dhcp6, running.Dhcp6), ReloadSetting.Dhcp6);
        Restart(next.Management != running.Management, ReloadSetting.Management);
        Restart(next.BootApi != running.BootApi || next.BootApiTimeout != running.BootApiTimeout, ReloadSetting.BootApi);

        // The ARP probe is opened with the listeners, only when a scope asks for it: turning it on needs them bound anew.
        var applied = Applied(running, next);
        Restart(applied.Interfaces.Any(i => !Probes(running, i.Name) && Probes(applied, i.Name)), ReloadSetting.ProbeBeforeOffer);

        var before = running.Profiles.Select(p => p.Name).ToList();
        var after = applied.Profiles.Select(p => p.Name).ToList();
        var changedProfiles = applied.Profiles
            .Where(p => running.Profiles.FirstOrDefault(q => q.Name == p.Name) is { } old
                && (!Same(old, p) || before.IndexOf(p.Name) != after.IndexOf(p.Name)))
            .Select(p => p.Name)
            .ToList();
        var scopes = ScopeChanges(running.Scopes, applied.Scopes);

        var done = new List<ReloadSetting>();
        if (changedProfiles.Count > 0 || !before.SequenceEqual(after))
        {
            done.Add(ReloadSetting.Profiles);
        }

        if (applied.Ipxe != running.Ipxe)
        {
            done.Add(ReloadSetting.Ipxe);
        }

        if (scopes.Count > 0)
        {
            done.Add(ReloadSetting.Scopes);
        }

        if (applied.Root != running.Root)
        {
            done.Add(ReloadSetting.Root);
        }

        if (applied.AllowWrite != running.AllowWrite)
        {
            done.Add(ReloadSetting.AllowWrite);
        }

        if (applied.Templates != running.Templates)
        {
            done.Add(ReloadSetting.Templates);
        }

        return new ReloadFacts
        {
            Applied = done,
            NeedsRestart = restart,
            ProfilesAdded = [.. after.Except(before)],
            ProfilesRemoved = [.. before.Except(after)],
            ProfilesChanged = changedProfiles,
            ScopesChanged = scopes,
        };
    }

    private static bool Probes(ServeSettings s, string name) =>
        s.Mode == ServeMode.Full && s.Scopes.Any(c => c.ProbeBeforeOffer && c.RelayedNetwork is null && c.Interface == name);

    private static List<string> ScopeChanges(IReadOnlyList<DhcpScope> before, IReadOnlyList<DhcpScope> after)
    {
        var old = before.ToDictionary(Subnet);
        var now = after.ToDictionary(Subnet);
        return [.. old.Keys.Union(now.Keys).Where(k => !old.TryGetValue(k, out var a) || !now.TryGetValue(k, out var b) || !Same(a, b))];
    }

    /// <summary>The scope's subnet, <c>10.0.0.0/24</c>: its name in the journal.</summary>
    internal static string Subnet(DhcpScope scope)
    {
        var mask = Ipv4.FromAddress(scope.SubnetMask);
        var network = scope.RelayedNetwork ?? Ipv4.ToAddress(Ipv4.FromAddress(scope.ServerAddress) & mask);
        return $"{network}/{BitOperations.PopCount(mask)}";
    }

    private static bool Same(DhcpScope a, DhcpScope b) =>
        a with { DnsServers = [], Reservations = [], Options = [] } == b with { DnsServers = [], Reservations = [], Options = [] }
        && a.DnsServers.SequenceEqual(b.DnsServers)
        && a.Reservations.SequenceEqual(b.Reservations)
        && a.Options.SequenceEqual(b.Options);

    private static readonly Dictionary<string, string> NoVars = [];

    private static bool Same(BootProfile a, BootProfile b) =>
        a with { Initrds = [], Options = [], Vars = NoVars, Groups = [] } == b with { Initrds = [], Options = [], Vars = NoVars, Groups = [] }
        && a.Initrds.SequenceEqual(b.Initrds)
        && Same(a.Vars, b.Vars)
        && a.Options.SequenceEqual(b.Options)
        && a.Groups.Count == b.Groups.Count
        && a.Groups.Zip(b.Groups).All(g => g.First.Name == g.Second.Name && g.First.Macs.SetEquals(g.Second.Macs) && Same(g.First.Vars, g.Second.Vars));

    private static bool Same(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(v => b.TryGetValue(v.Key, out var other) && other == v.Value);

}
