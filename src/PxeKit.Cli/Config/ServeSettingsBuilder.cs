using PxeKit.Core.Net;
using PxeKit.Diagnostics.Verdicts;
using PxeKit.Host;
using PxeKit.Server.Boot;
using PxeKit.Server.Dhcp;
using PxeKit.Server.Files;
using PxeKit.Server.Http;
using PxeKit.Server.Ipv6;
using PxeKit.Server.Leases.Postgres;

namespace PxeKit.Cli.Config;

/// <summary>
/// Merges the command line over the configuration file and checks everything at once: the result
/// is either settings that can run or the full list of what is wrong.
/// </summary>
public sealed class ServeSettingsBuilder(Func<string, InterfaceAddress?> findInterface)
{
    public const string DefaultLeaseDb = "/var/lib/pxekit/leases.db";

    public ServeSettingsBuilder()
        : this(InterfaceAddress.Find)
    {
    }

    public ServeSettings? Build(ServeArguments arguments, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(errors);
        var config = arguments.ConfigPath is null ? new PxeKitConfig() : ConfigFile.Load(arguments.ConfigPath, errors);
        if (config is null)
        {
            return null;
        }

        var root = arguments.Root ?? config.Root;
        var bootFile = arguments.BootFile ?? config.Bootfile;
        var leaseDb = arguments.LeaseDb ?? config.LeaseDb ?? DefaultLeaseDb;
        if (PostgresLocation.IsUrl(leaseDb) && !PostgresLocation.TryParse(leaseDb, out _, out var wrongUrl))
        {
            errors.Add(wrongUrl);
        }
        var names = InterfaceSettings.Names(arguments, config, errors);
        var nics = InterfaceSettings.Find(names, findInterface, errors);
        InterfaceSettings.CheckShared(config, names, errors);

        if (string.IsNullOrWhiteSpace(root))
        {
            errors.Add("no boot root: give --root DIR (or 'root:' in the configuration file)");
        }
        else if (!Directory.Exists(root))
        {
            errors.Add($"the root directory {root} does not exist");
        }
        else if (bootFile is not null && !bootFile.Contains("://", StringComparison.Ordinal) && !File.Exists(Path.Combine(root, bootFile.TrimStart('/'))))
        {
            errors.Add($"the boot file {bootFile} is not in the root {root}");
        }

        var mode = Mode(arguments, config, errors);
        int? httpPort = HttpPort(arguments.HttpPort ?? config.Http?.Port, errors);
        var profiles = ProfileSettingsBuilder.Build(config, bootFile, root, httpPort is not null, errors, names);
        var ipxe = new IpxeBinaries
        {
            Bios = config.Ipxe?.Bios ?? new IpxeBinaries().Bios,
            UefiX64 = config.Ipxe?.UefiX64 ?? new IpxeBinaries().UefiX64,
            UefiArm64 = config.Ipxe?.Arm64 ?? new IpxeBinaries().UefiArm64,
        };

        var several = names.Count > 1;
        if (several && arguments.DhcpRange is not null)
        {
            errors.Add("--dhcp-range is one interface's range, and several are served: give each its range in the configuration file (interfaces: - name: IF, dhcp: { range: FIRST-LAST })");
        }

        var scopes = new List<DhcpScope>();
        foreach (var nic in nics)
        {
            var dhcp = InterfaceSettings.Dhcp(config, nic.Interface, several);
            var range = several ? dhcp?.Range : arguments.DhcpRange ?? dhcp?.Range;
            var at = config.Interfaces?.Any(i => i?.Name == nic.Interface && i.Dhcp is not null) == true ? $"interfaces[{nic.Interface}].dhcp" : "dhcp";
            if (mode == ServeMode.Full && ScopeSettings.Build(nic, range, dhcp, errors, at) is { } own)
            {
                scopes.Add(own);
                scopes.AddRange(ScopeSettings.BuildRelayed(own, dhcp?.Relayed, errors, at));
            }
            else if (mode == ServeMode.Proxy && range is not null)
            {
                errors.Add($"a DHCP range makes no sense in proxy mode ({at}.range): the network's DHCP server hands out the addresses");
            }
        }

        if (mode == ServeMode.Proxy && profiles.Count == 0)
        {
            errors.Add("proxy mode with nothing to boot: give --bootfile FILE or profiles in the configuration file");
        }

        if (config.Dhcp?.RateLimit is < 0 or > 10_000)
        {
            errors.Add($"dhcp rate-limit {config.Dhcp.RateLimit} is outside 0-10000 requests a second (0 turns it off)");
        }

        if (config.Templates is { } templates && root is not null && Directory.Exists(root))
        {
            errors.AddRange(FileTemplates.Check(root, templates, name => ProfileSettingsBuilder.IsVariable(config, name)));
        }

        var tftpLimits = TftpSettings.BuildLimits(config.Tftp, errors);
        var httpConnections = HttpConnections(config.Http, errors);
        var management = ManagementSettings.Build(arguments.ManagementPort, config.Management, errors);
        var (bootApi, bootApiTimeout) = BootApiSettings.Build(arguments.BootApi, config, errors);
        var routerAdvertisements = RouterAdvertisements(arguments.RouterAdvertisements ?? config.RouterAdvertisements, errors);
        var dhcp6 = Dhcp6SettingsBuilder.Build(config.Dhcp6, errors);
        if (errors.Count > 0 || root is null || nics.Count == 0)
        {
            return null;
        }

        return new ServeSettings
        {
            Interfaces = [.. nics.Select(n => new ServedInterface(n.Interface, n.Address))],
            Root = Path.GetFullPath(root),
            Templates = config.Templates,
            Mode = mode,
            Scopes = scopes,
            Profiles = profiles,
            Ipxe = ipxe,
            HttpPort = httpPort,
            HttpConnections = httpConnections,
            LeaseDb = leaseDb,
            AllowWrite = arguments.AllowWrite ?? config.Tftp?.AllowWrite ?? false,
            TftpLimits = tftpLimits,
            Management = management,
            BootApi = bootApi,
            BootApiTimeout = bootApiTimeout,
            Capture = !arguments.NoCapture,
            RouterAdvertisements = routerAdvertisements,
            Dhcp6 = dhcp6,
            RateLimit = config.Dhcp?.RateLimit is { } rate ? new DhcpRateLimit { PerSecond = rate, Burst = Math.Max(1, (int)Math.Ceiling(rate * 4)) } : new DhcpRateLimit(),
            Warnings = Warnings(mode, profiles, ipxe, root),
        };
    }

    private static ServeMode Mode(ServeArguments arguments, PxeKitConfig config, List<string> errors)
    {
        if (arguments.NoDhcp)
        {
            return ServeMode.None;
        }

        if (arguments.Proxy)
        {
            return ServeMode.Proxy;
        }

        switch (config.Mode)
        {
            case null or "full":
                return ServeMode.Full;
            case "proxy":
                return ServeMode.Proxy;
            default:
                errors.Add($"mode '{config.Mode}' is neither full nor proxy");
                return ServeMode.Full;
        }
    }

    private static RouterAdvertisementMode RouterAdvertisements(string? value, List<string> errors)
    {
        switch (value)
        {
            case null or "off":
                return RouterAdvertisementMode.Off;
            case "quiet":
                return RouterAdvertisementMode.Quiet;
            case "managed":
                return RouterAdvertisementMode.Managed;
            default:
                errors.Add($"router-advertisements '{value}' is none of off, quiet and managed");
                return RouterAdvertisementMode.Off;
        }
    }

    private static HttpConnectionLimits HttpConnections(HttpSection? section, List<string> errors)
    {
        var defaults = new HttpConnectionLimits();
        var limits = new HttpConnectionLimits(
            section?.MaxConnections ?? defaults.MaxConnections,
            section?.MaxConnectionsPerAddress ?? defaults.MaxConnectionsPerAddress);
        errors.AddRange(limits.Validate().Select(m => m.TrimEnd('.')));
        return limits;
    }

    private static int? HttpPort(int? port, List<string> errors)
    {
        switch (port)
        {
            case null:
                return 80;
            case 0:
                return null;
            case < 0 or > 65535:
                errors.Add($"the HTTP port {port} is outside 1-65535 (0 turns the HTTP server off)");
                return null;
            default:
                return port;
        }
    }

    private static List<string> Warnings(ServeMode mode, IReadOnlyList<BootProfile> profiles, IpxeBinaries ipxe, string root)
    {
        var warnings = new List<string>();
        if (mode == ServeMode.Full && profiles.Count == 0)
        {
            warnings.Add("no --bootfile and no profiles: clients get addresses but nothing to boot");
        }

        // Kernels booted through shim and GRUB (chain: shim) need no iPXE.
        if (profiles.Any(p => (p.Kernel is not null && p.Chain == BootChain.Ipxe) || p.LocalBoot || p.Menu is not null))
        {
            foreach (var (firmware, file) in new[] { ("BIOS", ipxe.Bios), ("x64 UEFI", ipxe.UefiX64), ("ARM64 UEFI", ipxe.UefiArm64) })
            {
                if (!File.Exists(Path.Combine(root, file)))
                {
                    warnings.Add($"{file} is not in the root: {firmware} clients that are not already iPXE cannot be chainloaded into iPXE");
                }
            }
        }

        warnings.AddRange(ChainloadLoops(profiles));
        return warnings;
    }

    /// <summary>
    /// A profile that boots iPXE and also takes iPXE's own requests sends iPXE to iPXE, forever, unless an earlier
    /// profile takes the requests that carry user class iPXE.
    /// </summary>
    private static IEnumerable<string> ChainloadLoops(IReadOnlyList<BootProfile> profiles)
    {
        foreach (var profile in profiles)
        {
            if (profile.Match.UserClass is not null && profile.Match.UserClass.Equals("iPXE", StringComparison.OrdinalIgnoreCase))
            {
                yield break;
            }

            if (profile.Program is { } program && IpxeBinaryNames.IsIpxe(program) && profile.Match.UserClass is null)
            {
                yield return $"profile '{profile.Name}' boots iPXE ({program}) and also matches iPXE's own DHCP requests, so iPXE will load iPXE again and again "
                    + "(a chainload loop): put a profile with 'match: { user-class: iPXE }' before it that boots a script, or boot a 'kernel:' (PxeKit then gives iPXE a script itself)";
            }
        }
    }
}
