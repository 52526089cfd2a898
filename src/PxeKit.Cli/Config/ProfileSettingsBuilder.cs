using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;

namespace PxeKit.Cli.Config;

/// <summary>Turns <c>groups:</c> and <c>profiles:</c> into boot profiles, naming every mistake.</summary>
public static class ProfileSettingsBuilder
{
    /// <summary>
    /// The profiles, in order: those of each served interface's entry of <c>interfaces:</c> (which match only requests
    /// that arrive on it), then the top-level ones. A <c>--bootfile</c> (or <c>bootfile:</c>) becomes a last profile that
    /// takes every client the others leave.
    /// </summary>
    /// <param name="served">The interfaces served; null when not known (no interface is checked then).</param>
    public static IReadOnlyList<BootProfile> Build(PxeKitConfig config, string? bootFile, string? root, bool httpEnabled, List<string> errors, IReadOnlyList<string>? served = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(errors);
        var groups = BuildGroups(config.Groups, config.GroupVars, errors);
        var profiles = new List<BootProfile>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var sections = (config.Interfaces ?? [])
            .Where(nic => nic?.Name is { } name && served?.Contains(name) == true)
            .SelectMany(nic => (nic.Profiles ?? []).Select((p, i) => (Section: p, At: $"interfaces[{nic.Name}].profiles[{i + 1}]", Interface: nic.Name)))
            .Concat((config.Profiles ?? []).Select((p, i) => (Section: p, At: $"profiles[{i + 1}]", Interface: (string?)null)));
        foreach (var (section, at, only) in sections)
        {
            if (section is null)
            {
                // "- " with nothing after it: YAML gives a null item (found by fuzzing).
                errors.Add($"{at}: an empty entry");
                continue;
            }

            var where = at + (section.Name is { Length: > 0 } n ? $" ({n})" : "");
            if (string.IsNullOrWhiteSpace(section.Name))
            {
                errors.Add($"{where}: no name");
            }
            else if (!names.Add(section.Name))
            {
                errors.Add($"{where}: the name {section.Name} is used twice");
            }

            int actions = (section.Boot is null ? 0 : 1) + (section.Kernel is null ? 0 : 1) + (section.Local == true ? 1 : 0) + (section.Menu is null ? 0 : 1);
            if (actions != 1)
            {
                errors.Add($"{where}: give exactly one of boot (a boot program), kernel (booted through iPXE), local: true or menu");
            }

            if (section.Kernel is null && (section.Initrd is not null || section.Cmdline is not null))
            {
                errors.Add($"{where}: initrd and cmdline go with kernel");
            }

            var chain = Chain(section, where, root, errors);
            if (((section.Kernel is not null && chain == BootChain.Ipxe) || section.Local == true || section.Menu is not null) && !httpEnabled)
            {
                errors.Add($"{where}: booting a kernel, a menu or the local disk goes through an iPXE script over HTTP, and the HTTP server is off (http.port 0)");
            }

            foreach (var file in new[] { section.Boot, section.Kernel }.Concat(section.Initrd ?? []).OfType<string>())
            {
                CheckFile(root, file, where, errors);
            }

            CheckBootFileName(section.Boot, $"{where}: boot", errors);
            var vars = section.Vars ?? [];
            var matched = (section.Match?.Group ?? []).Where(g => g is not null && groups.ContainsKey(g)).Select(g => groups[g]).ToList();
            CheckTemplate(section.Cmdline, vars, section.Match?.Mac is { Count: > 0 } ? [] : matched, where, errors);

            profiles.Add(new BootProfile
            {
                Name = section.Name ?? "",
                Match = BuildMatch(section.Match, groups, served, only, where, errors),
                Groups = matched,
                Program = section.Boot,
                Kernel = section.Kernel,
                Initrds = section.Initrd ?? [],
                CommandLine = section.Cmdline,
                Chain = chain,
                LocalBoot = section.Local == true,
                Once = section.Once == true,
                Options = OptionSettings.Build(section.Options, $"{at}.options", errors),
                Vars = vars,
                Menu = section.Menu is null ? null : MenuSettings.Build(section.Menu, where, errors),
            });
        }

        MenuSettings.CheckItems(profiles, errors);
        if (bootFile is not null)
        {
            CheckBootFileName(bootFile, "bootfile", errors);
            profiles.Add(new BootProfile { Name = "default", Program = bootFile });
        }

        return profiles;
    }

    private static Dictionary<string, BootGroup> BuildGroups(Dictionary<string, List<string>>? sections, Dictionary<string, Dictionary<string, string>>? vars, List<string> errors)
    {
        var groups = new Dictionary<string, BootGroup>(StringComparer.Ordinal);
        foreach (var (name, macs) in sections ?? [])
        {
            var own = vars?.GetValueOrDefault(name) ?? [];
            foreach (var builtIn in own.Keys.Where(BootTemplate.BuiltIn.Contains))
            {
                errors.Add($"groups.{name}: vars.{builtIn} is a built-in variable and cannot be set");
            }

            groups[name] = new BootGroup { Name = name, Macs = ParseMacs(macs ?? [], $"groups.{name}", errors), Vars = own };
        }

        return groups;
    }

    /// <summary>Whether <paramref name="name"/> is a variable some profile or group of <paramref name="config"/> sets (<c>vars:</c>): what a served template may use besides the built-in ones.</summary>
    public static bool IsVariable(PxeKitConfig config, string name)
    {
        ArgumentNullException.ThrowIfNull(config);
        var profiles = (config.Profiles ?? []).Concat((config.Interfaces ?? []).SelectMany(nic => nic?.Profiles ?? []));
        return profiles.Any(p => p?.Vars?.ContainsKey(name) == true) || (config.GroupVars ?? []).Values.Any(v => v.ContainsKey(name));
    }

    private static ProfileMatch BuildMatch(MatchSection? section, Dictionary<string, BootGroup> groups, IReadOnlyList<string>? served, string? only, string where, List<string> errors)
    {
        var interfaces = new HashSet<string>(StringComparer.Ordinal);
        if (only is not null)
        {
            interfaces.Add(only);
            if (section?.Interface is not null)
            {
                errors.Add($"{where}: match.interface in a profile of {only}, which takes only what arrives on {only}");
            }
        }

        foreach (var name in section?.Interface ?? [])
        {
            if (served is not null && !served.Contains(name))
            {
                errors.Add($"{where}: match.interface '{name}' is not served (served: {string.Join(", ", served)})");
            }

            interfaces.Add(name);
        }

        if (section is null)
        {
            return only is null ? ProfileMatch.Any : new ProfileMatch { Interfaces = interfaces };
        }

        var architectures = new List<ClientArchitecture>();
        foreach (var text in section.Arch ?? [])
        {
            if (ArchitectureNames.TryParse(text, out var values))
            {
                architectures.AddRange(values);
            }
            else
            {
                errors.Add($"{where}: match.arch '{text}' is neither a number nor one of {string.Join(", ", ArchitectureNames.Known)}");
            }
        }

        var macs = ParseMacs(section.Mac ?? [], $"{where}: match.mac", errors);
        foreach (var group in section.Group ?? [])
        {
            if (group is not null && groups.TryGetValue(group, out var members))
            {
                macs.UnionWith(members.Macs);
            }
            else
            {
                errors.Add($"{where}: match.group '{group}' is not defined under groups");
            }
        }

        return new ProfileMatch
        {
            Architectures = architectures,
            VendorClassPrefix = section.VendorClass,
            UserClass = section.UserClass,
            Macs = macs,
            Interfaces = interfaces,
            Subnets = Subnets(section.Subnet, where, errors),
            Uuids = Uuids(section.Uuid, where, errors),
            HostNames = section.Hostname ?? [],
            CircuitIds = new HashSet<string>(section.CircuitId ?? [], StringComparer.Ordinal),
            RemoteIds = new HashSet<string>(section.RemoteId ?? [], StringComparer.Ordinal),
        };
    }

    private static List<Subnet> Subnets(List<string>? texts, string where, List<string> errors)
    {
        var subnets = new List<Subnet>();
        foreach (var text in texts ?? [])
        {
            if (Subnet.TryParse(text, out var subnet))
            {
                subnets.Add(subnet);
            }
            else
            {
                errors.Add($"{where}: match.subnet '{text}' is not NETWORK/PREFIX (like 10.60.0.0/24)");
            }
        }

        return subnets;
    }

    /// <summary>UUIDs as option 97 gives them: lower case, with hyphens, whatever the file's case.</summary>
    private static HashSet<string> Uuids(List<string>? texts, string where, List<string> errors)
    {
        var uuids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts ?? [])
        {
            if (Guid.TryParseExact(text, "D", out var uuid))
            {
                uuids.Add(uuid.ToString());
            }
            else
            {
                errors.Add($"{where}: match.uuid '{text}' is not a UUID (like 8c2d4e5f-0a1b-4c3d-9e8f-123456789abc)");
            }
        }

        return uuids;
    }

    private static HashSet<string> ParseMacs(IEnumerable<string> texts, string where, List<string> errors)
    {
        var macs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            if (MacAddress.Normalize(text) is { } mac)
            {
                macs.Add(mac);
            }
            else
            {
                errors.Add($"{where}: '{text}' is not a MAC address (like 52:54:00:12:34:56)");
            }
        }

        return macs;
    }

    /// <summary>
    /// The longest boot file name a reply can carry: one option 67 (RFC 2132 section 9.5), which is where a name
    /// too long for the <c>file</c> field (127 bytes and a NUL) goes. Firmware does not join split instances.
    /// </summary>
    internal const int MaxBootFileNameBytes = byte.MaxValue;

    // What an HTTP Boot client is given instead of a plain name: the name behind the longest server URL.
    private const string LongestUrlPrefix = "http://255.255.255.255:65535/";

    private static void CheckBootFileName(string? file, string where, List<string> errors)
    {
        if (file is null)
        {
            return;
        }

        int bytes = System.Text.Encoding.Latin1.GetByteCount(file) + (file.Contains("://", StringComparison.Ordinal) ? 0 : LongestUrlPrefix.Length);
        if (bytes > MaxBootFileNameBytes)
        {
            errors.Add($"{where}: the boot file name is too long for any DHCP reply ({bytes} bytes as sent, counting the URL an HTTP Boot client is given; the file field holds 127 and option 67 at most {MaxBootFileNameBytes})");
        }
    }

    /// <summary>
    /// The cmdline's <c>{{ names }}</c> are all known: built in, the profile's vars (which cannot be built-in names), or the
    /// vars of every group in <paramref name="groups"/> (the groups it matches: a machine it boots is in one of them).
    /// </summary>
    private static void CheckTemplate(string? cmdline, Dictionary<string, string> vars, IReadOnlyList<BootGroup> groups, string where, List<string> errors)
    {
        foreach (var name in vars.Keys.Where(BootTemplate.BuiltIn.Contains))
        {
            errors.Add($"{where}: vars.{name} is a built-in variable and cannot be set");
        }

        if (cmdline is null)
        {
            return;
        }

        var known = (string name) => vars.ContainsKey(name) || (groups.Count > 0 && groups.All(g => g.Vars.ContainsKey(name)));
        if (BootTemplate.Unknown(cmdline, known, out var error) is not { } unknown)
        {
            errors.Add($"{where}: cmdline: {error}");
            return;
        }

        foreach (var name in unknown)
        {
            errors.Add($"{where}: cmdline uses {{{{ {name} }}}}, which is neither built in ({string.Join(", ", BootTemplate.BuiltIn)}) nor in its vars or those of every group it matches");
        }
    }

    /// <summary>
    /// <c>chain:</c> of a kernel profile: <c>ipxe</c> (the default) or <c>shim</c>, which needs shim and GRUB at the root
    /// under the names shim and the firmware use, for x64 or arm64 (<see cref="GrubConfig"/>).
    /// </summary>
    private static BootChain Chain(ProfileSection section, string where, string? root, List<string> errors)
    {
        switch (section.Chain)
        {
            case null or "ipxe":
                return BootChain.Ipxe;
            case "shim" when section.Kernel is null:
                errors.Add($"{where}: chain goes with kernel: it says how the kernel is booted");
                return BootChain.Ipxe;
            case "shim":
                var pairs = new[] { ClientFirmware.UefiX64, ClientFirmware.UefiArm64 }.Select(f => (Shim: GrubConfig.ShimFor(f)!, Grub: GrubConfig.GrubFor(f)!)).ToList();
                if (root is not null && Directory.Exists(root) && !pairs.Any(p => File.Exists(Path.Combine(root, p.Shim)) && File.Exists(Path.Combine(root, p.Grub))))
                {
                    errors.Add($"{where}: chain: shim boots through shim and GRUB from the root, and the root {root} has neither "
                        + string.Join(" nor ", pairs.Select(p => $"{p.Shim} with {p.Grub}"))
                        + " (Debian's shimx64.efi.signed from shim-signed, and grubnetx64.efi.signed from grub-efi-amd64-signed renamed grubx64.efi)");
                }

                return BootChain.Shim;
            default:
                errors.Add($"{where}: chain '{section.Chain}' is not ipxe or shim");
                return BootChain.Ipxe;
        }
    }

    private static void CheckFile(string? root, string file, string where, List<string> errors)
    {
        if (root is null || !Directory.Exists(root) || file.Contains("://", StringComparison.Ordinal))
        {
            return;
        }

        if (!File.Exists(Path.Combine(root, file.TrimStart('/'))))
        {
            errors.Add($"{where}: {file} is not in the root {root}");
        }
    }
}
