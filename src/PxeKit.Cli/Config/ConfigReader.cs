using YamlDotNet.RepresentationModel;
using static PxeKit.Cli.Config.YamlValues;

namespace PxeKit.Cli.Config;

/// <summary>
/// Maps a parsed <c>pxekit.yaml</c> onto the section classes, key by key. The names are the
/// properties' names in lower case with hyphens; any other key is an error naming it.
/// </summary>
internal static class ConfigReader
{
    public static PxeKitConfig Read(YamlNode root) => Section(root, ReadConfig) ?? new PxeKitConfig();

    private static PxeKitConfig ReadConfig(IEnumerable<(YamlScalarNode Key, YamlNode Value)> entries)
    {
        var config = new PxeKitConfig();
        foreach (var (key, value) in entries)
        {
            switch (key.Value)
            {
                case "interface": config.Interface = Text(value); break;
                case "interfaces": config.Interfaces = List(value, item => Section(item, ReadInterface)!); break;
                case "root": config.Root = Text(value); break;
                case "bootfile": config.Bootfile = Text(value); break;
                case "lease-db": config.LeaseDb = Text(value); break;
                case "mode": config.Mode = Text(value); break;
                case "dhcp": config.Dhcp = Section(value, ReadDhcp); break;
                case "dhcp6": config.Dhcp6 = Section(value, ReadDhcp6); break;
                case "http": config.Http = Section(value, ReadHttp); break;
                case "management": config.Management = Section(value, ReadManagement) ?? new ManagementSection(); break;
                case "ipxe": config.Ipxe = Section(value, ReadIpxe); break;
                case "groups": (config.Groups, config.GroupVars) = ReadGroups(value); break;
                case "templates": config.Templates = Text(value); break;
                case "profiles": config.Profiles = List(value, item => Section(item, ReadProfile)!); break;
                case "tftp": config.Tftp = Section(value, ReadTftp); break;
                case "boot-api": config.BootApi = Text(value); break;
                case "boot-api-timeout": config.BootApiTimeout = Text(value); break;
                case "router-advertisements": config.RouterAdvertisements = Text(value); break;
                default: throw UnknownKey(key);
            }
        }

        return config;
    }

    private static InterfaceSection ReadInterface(IEnumerable<(YamlScalarNode Key, YamlNode Value)> entries)
    {
        var nic = new InterfaceSection();
        foreach (var (key, value) in entries)
        {
            switch (key.Value)
            {
                case "name": nic.Name = Text(value); break;
                case "dhcp": nic.Dhcp = Section(value, ReadDhcp); break;
                case "profiles": nic.Profiles = List(value, item => Section(item, ReadProfile)!); break;
                default: throw UnknownKey(key);
            }
        }

        return nic;
    }

    private static DhcpSection ReadDhcp(IEnumerable<(YamlScalarNode Key, YamlNode Value)> entries)
    {
        var dhcp = new DhcpSection();
        foreach (var (key, value) in entries)
        {
            switch (key.Value)
            {
                case "range": dhcp.Range = Text(value); break;
                case "lease-time": dhcp.LeaseTime = Text(value); break;
                case "router": dhcp.Router = Text(value); break;
                case "dns": dhcp.Dns = Texts(value); break;
                case "reservations": dhcp.Reservations = List(value, item => Section(item, ReadReservation)!); break;
                case "relayed": dhcp.Relayed = List(value, item => Section(item, ReadRelayed)!); break;
                case "rate-limit": dhcp.RateLimit = Number(value); break;
                case "authoritative": dhcp.Authoritative = Flag(value); break;
                case "probe": dhcp.Probe = Flag(value); break;
                case "options": dhcp.Options = List(value, item => Section(item, ReadOption)!); break;
                default: throw UnknownKey(key);
            }
        }

        return dhcp;
    }

    private static Dhcp6Section ReadDhcp6(IEnumerable<(YamlScalarNode Key, YamlNode Value)> entries)
    {
        var dhcp6 = new Dhcp6Section();
        foreach (var (key, value) in entries)
        {
            switch (key.Value)
            {
                case "mode": dhcp6.Mode = Text(value); break;
                case "range": dhcp6.Range = Text(value); break;
                case "lease-time": dhcp6.LeaseTime = Text(value); break;
                case "dns": dhcp6.Dns = Texts(value); break;
                default: throw UnknownKey(key);
            }
        }

        return dhcp6;
    }

    private static MenuSection ReadMenu(IEnumerable<(YamlScalarNode Key, YamlNode Value)> entries)
    {
        var menu = new MenuSection();
        foreach (var (key, value) in entries)
        {
            switch (key.Value)
            {
                case "title": menu.Title = Text(value); break;
                case "items": menu.Items = Texts(value); break;
                case "default": menu.Default = Text(value); break;
                case "timeout": menu.Timeout = Text(value); break;
                default: throw UnknownKey(key);
            }
        }

        return menu;
    }

    private static OptionSection ReadOption(IEnumerable<(YamlScalarNode Key, YamlNode Value)> entries)
    {
        var option = new OptionSection();
        foreach (var (key, value) in entries)
        {
            switch (key.Value)
            {
                case "name": option.Name = Text(value); break;
                case "code": option.Code = WholeNumber(value); break;
                case "type": option.Type = Text(value); break;
                case "value": option.Value = value is YamlSequenceNode ? Texts(value) : Text(value) is { } one ? [one] : null; break;
                case "force": option.Force = Flag(value); break;
                default: throw UnknownKey(key);
            }
        }

        return option;
    }

    private static ReservationSection ReadReservation(IEnumerable<(YamlScalarNode Key, YamlNode Value)> entries)
    {
        var reservation = new ReservationSection();
        foreach (var (key, value) in entries)
        {
            switch (key.Value)
            {
                case "mac": reservation.Mac = Text(value); break;
                case "address": reservation.Address = Text(value); break;
                case "hostname": reservation.Hostname = Text(value); break;
                default: throw UnknownKey(key);
            }
        }

        return reservation;
    }

    private static RelayedSection ReadRelayed(IEnumerable<(YamlScalarNode Key, YamlNode Value)> entries)
    {
        var relayed = new RelayedSection();
        foreach (var (key, value) in entries)
        {
            switch (key.Value)
            {
                case "subnet": relayed.Subnet = Text(value); break;
                case "range": relayed.Range = Text(value); break;
                case "router": relayed.Router = Text(value); break;
                case "dns": relayed.Dns = Texts(value); break;
                case "options": relayed.Options = List(value, item => Section(item, ReadOption)!); break;
                default: throw UnknownKey(key);
            }
        }

        return relayed;
    }

    private static HttpSection ReadHttp(IEnumerable<(YamlScalarNode Key, YamlNode Value)> entries)
    {
        var http = new HttpSection();
        foreach (var (key, value) in entries)
        {
            switch (key.Value)
            {
                case "port": http.Port = WholeNumber(value); break;
                case "max-connections": http.MaxConnections = WholeNumber(value); break;
                case "max-connections-per-address": http.MaxConnectionsPerAddress = WholeNumber(value); break;
                default: throw UnknownKey(key);
            }
        }

        return http;
    }

    private static ManagementSection ReadManagement(IEnumerable<(YamlScalarNode Key, YamlNode Value)> entries)
    {
        var management = new ManagementSection();
        foreach (var (key, value) in entries)
        {
            switch (key.Value)
            {
                case "address": management.Address = Text(value); break;
                case "port": management.Port = WholeNumber(value); break;
                case "token-file": management.TokenFile = Text(value); break;
                default: throw UnknownKey(key);
            }
        }

        return management;
    }

    private static IpxeSection ReadIpxe(IEnumerable<(YamlScalarNode Key, YamlNode Value)> entries)
    {
        var ipxe = new IpxeSection();
        foreach (var (key, value) in entries)
        {
            switch (key.Value)
            {
                case "bios": ipxe.Bios = Text(value); break;
                case "uefi-x64": ipxe.UefiX64 = Text(value); break;
                case "arm64": ipxe.Arm64 = Text(value); break;
                default: throw UnknownKey(key);
            }
        }

        return ipxe;
    }

    private static TftpSection ReadTftp(IEnumerable<(YamlScalarNode Key, YamlNode Value)> entries)
    {
        var tftp = new TftpSection();
        foreach (var (key, value) in entries)
        {
            switch (key.Value)
            {
                case "allow-write": tftp.AllowWrite = Flag(value); break;
                case "max-transfers": tftp.MaxTransfers = WholeNumber(value); break;
                case "max-transfers-per-client": tftp.MaxTransfersPerClient = WholeNumber(value); break;
                case "transfer-lifetime": tftp.TransferLifetime = Text(value); break;
                case "max-timeout": tftp.MaxTimeout = Text(value); break;
                default: throw UnknownKey(key);
            }
        }

        return tftp;
    }

    /// <summary>Variable names are the user's own: every key is one variable, its value a single text.</summary>
    private static Dictionary<string, string> ReadVars(IEnumerable<(YamlScalarNode Key, YamlNode Value)> entries)
    {
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            vars[key.Value ?? ""] = Text(value) ?? "";
        }

        return vars;
    }

    /// <summary>
    /// Group names are the user's own: every key is one group, either a list of MACs or <c>{ macs: [...], vars: {...} }</c>;
    /// the second gives the group's template variables.
    /// </summary>
    private static (Dictionary<string, List<string>>? Macs, Dictionary<string, Dictionary<string, string>>? Vars) ReadGroups(YamlNode node)
    {
        var vars = new Dictionary<string, Dictionary<string, string>>();
        var macs = Section(node, entries =>
        {
            var groups = new Dictionary<string, List<string>>();
            foreach (var (key, value) in entries)
            {
                if (value is YamlMappingNode)
                {
                    var group = Section(value, ReadGroup)!;
                    groups[key.Value ?? ""] = group.Macs ?? [];
                    vars[key.Value ?? ""] = group.Vars ?? [];
                }
                else
                {
                    groups[key.Value ?? ""] = Texts(value)!;
                }
            }

            return groups;
        });
        return (macs, vars.Count > 0 ? vars : null);
    }

    private static GroupSection ReadGroup(IEnumerable<(YamlScalarNode Key, YamlNode Value)> entries)
    {
        var group = new GroupSection();
        foreach (var (key, value) in entries)
        {
            switch (key.Value)
            {
                case "macs": group.Macs = Texts(value); break;
                case "vars": group.Vars = Section(value, ReadVars); break;
                default: throw UnknownKey(key);
            }
        }

        return group;
    }

    private static ProfileSection ReadProfile(IEnumerable<(YamlScalarNode Key, YamlNode Value)> entries)
    {
        var profile = new ProfileSection();
        foreach (var (key, value) in entries)
        {
            switch (key.Value)
            {
                case "name": profile.Name = Text(value); break;
                case "match": profile.Match = Section(value, ReadMatch); break;
                case "boot": profile.Boot = Text(value); break;
                case "kernel": profile.Kernel = Text(value); break;
                case "initrd": profile.Initrd = Texts(value); break;
                case "cmdline": profile.Cmdline = Text(value); break;
                case "chain": profile.Chain = Text(value); break;
                case "local": profile.Local = Flag(value); break;
                case "once": profile.Once = Flag(value); break;
                case "options": profile.Options = List(value, item => Section(item, ReadOption)!); break;
                case "vars": profile.Vars = Section(value, ReadVars); break;
                case "menu": profile.Menu = Section(value, ReadMenu); break;
                default: throw UnknownKey(key);
            }
        }

        return profile;
    }

    private static MatchSection ReadMatch(IEnumerable<(YamlScalarNode Key, YamlNode Value)> entries)
    {
        var match = new MatchSection();
        foreach (var (key, value) in entries)
        {
            switch (key.Value)
            {
                case "arch": match.Arch = Texts(value); break;
                case "vendor-class": match.VendorClass = Text(value); break;
                case "user-class": match.UserClass = Text(value); break;
                case "mac": match.Mac = Texts(value); break;
                case "group": match.Group = Texts(value); break;
                case "interface": match.Interface = Texts(value); break;
                case "subnet": match.Subnet = Texts(value); break;
                case "uuid": match.Uuid = Texts(value); break;
                case "hostname": match.Hostname = Texts(value); break;
                case "circuit-id": match.CircuitId = Texts(value); break;
                case "remote-id": match.RemoteId = Texts(value); break;
                default: throw UnknownKey(key);
            }
        }

        return match;
    }
}
