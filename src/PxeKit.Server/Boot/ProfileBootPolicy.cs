using System.Globalization;
using System.Net;
using PxeKit.Core.Collections;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Machines;

namespace PxeKit.Server.Boot;

/// <summary>
/// Chooses a boot file from the profiles: the first profile, in order, whose match holds (a used
/// boot-once profile is skipped). Profiles that boot a kernel go through iPXE: firmware that is not
/// iPXE first gets the iPXE build for its architecture, and iPXE's own request gets the script URL,
/// so a client goes through at most two DHCP exchanges and never loops.
/// </summary>
public sealed class ProfileBootPolicy : IBootPolicy
{
    /// <summary>The script URL path iPXE is given.</summary>
    public const string ScriptPath = "boot.ipxe";

    /// <summary>What a machine set to boot-local through the management API is answered as, before every configured profile.</summary>
    public static readonly BootProfile BootLocalProfile = new() { Name = "boot-local (set through the API)", LocalBoot = true };

    private readonly IBootOnceStore _once;
    private readonly MachineOverrides? _machines;

    /// <summary>What a request is answered from: replaced whole by <see cref="Replace"/>, read once per request.</summary>
    private volatile Snapshot _now;
    /// <summary>How many clients' boot-once profiles are remembered until their file is delivered: a bound against forged MACs.</summary>
    public const int MaxRemembered = 65_536;

    private readonly BoundedMap<string, BootProfile> _chosen = new(MaxRemembered, StringComparer.Ordinal);

    /// <summary>
    /// What each client's DHCP request said of it that its script and file requests do not (option 97, option 12, option
    /// 93), and the profile it was answered with.
    /// </summary>
    private readonly BoundedMap<string, Told> _told = new(MaxRemembered, StringComparer.Ordinal);

    /// <param name="profiles">In order of precedence.</param>
    /// <param name="ipxe">iPXE builds per firmware, under the root.</param>
    /// <param name="httpPort">Port of PxeKit's HTTP server; null when it does not run (kernel profiles then cannot boot).</param>
    /// <param name="once">Where boot-once marks are kept.</param>
    /// <param name="machines">The operator's per-machine settings: a machine set to boot-local gets <see cref="BootLocalProfile"/>.</param>
    public ProfileBootPolicy(IReadOnlyList<BootProfile> profiles, IpxeBinaries ipxe, int? httpPort, IBootOnceStore once, MachineOverrides? machines = null)
    {
        _now = new Snapshot(profiles, ipxe, httpPort);
        _once = once;
        _machines = machines;
    }

    public IReadOnlyList<BootProfile> Profiles => _now.Profiles;

    /// <summary>The iPXE builds per firmware now.</summary>
    public IpxeBinaries Ipxe => _now.Ipxe;

    /// <summary>
    /// A reload: requests from now on are answered from these profiles and iPXE builds; a request under way finishes on
    /// the ones it started with. The boot-once marks, and which boot-once profile each client was offered, are kept.
    /// </summary>
    public void Replace(IReadOnlyList<BootProfile> profiles, IpxeBinaries ipxe)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(ipxe);
        _now = _now with { Profiles = profiles, Ipxe = ipxe };
    }

    /// <summary>The profile for this client now, or null.</summary>
    public BootProfile? Select(BootClient client) => Select(_now, client);

    private BootProfile? Select(Snapshot now, BootClient client)
    {
        if (_machines?.IsBootLocal(client.Mac) == true)
        {
            return BootLocalProfile;
        }

        var profiles = now.Profiles;
        for (int i = 0; i < profiles.Count; i++) // a loop: a lambda over the client would be a closure for every request
        {
            var p = profiles[i];
            if (p.Match.Matches(client) && !(p.Once && _once.IsUsed(client.Mac, p.Name)))
            {
                return p;
            }
        }

        return null;
    }

    public BootAnswer? Choose(BootClient client, IPAddress server)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(server);
        var now = _now;
        var profile = Select(now, client);
        if (profile is null)
        {
            return null;
        }

        // iPXE's own request may leave out what the firmware's said: what was said once is kept. A client that says
        // again what it said (its REQUEST after its DISCOVER) leaves the entry as it is; reading it counted as its use.
        var before = Remembered(client.Mac);
        var told = Told.Of(client, profile.Name, before);
        if (!ReferenceEquals(told, before))
        {
            _told.Set(client.Mac, told);
        }

        if (profile.Once)
        {
            // Only a boot-once profile needs to know, at the delivery, what was chosen.
            _chosen.Set(client.Mac, profile);
        }

        if (profile.Program is { } program)
        {
            return client.IsHttpClient && !IsUrl(program)
                ? Answer(profile, Url(now, server, program), BootAction.Program, http: true)
                : Answer(profile, program, BootAction.Program, http: client.IsHttpClient);
        }

        if (profile is { Kernel: not null, Chain: BootChain.Shim })
        {
            // shim over TFTP: it loads GRUB from beside itself, and GRUB reads the configuration GrubConfigFor makes (over
            // TFTP only: an HTTP Boot client is not answered yet).
            return GrubConfig.ShimFor(client.Firmware) is { } shim && !client.IsHttpClient ? Answer(profile, shim, BootAction.Program, http: false) : null;
        }

        // Kernel, local-disk and menu profiles all run an iPXE script.
        if (now.HttpPort is null)
        {
            return null;
        }

        if (client.IsIpxe)
        {
            var query = string.Create(CultureInfo.InvariantCulture, $"?mac={client.Mac}&arch={(int?)client.Architecture ?? 0}");
            return Answer(profile, Url(now, server, ScriptPath) + query, BootAction.IpxeScript, http: false);
        }

        var binary = now.Ipxe.For(client.Firmware);
        if (binary is null)
        {
            return null;
        }

        return client.IsHttpClient
            ? Answer(profile, Url(now, server, binary), BootAction.ChainloadIpxe, http: true)
            : Answer(profile, binary, BootAction.ChainloadIpxe, http: false);
    }

    /// <summary>
    /// The iPXE script for a client that asks for <see cref="ScriptPath"/>, or null; <paramref name="interfaceName"/> is
    /// where the request arrived, for profiles of one interface (null: no such profile takes it), and
    /// <paramref name="from"/> the address it came from, for profiles of a subnet.
    /// </summary>
    /// <param name="server">PxeKit's address the script was asked from: the template variable <c>server</c>.</param>
    /// <param name="chosen">The entry of the client's menu it chose (<c>profile=</c>); null for its own profile's script.</param>
    public string? Script(string mac, ClientArchitecture? architecture, string? interfaceName = null, IPAddress? from = null, IPAddress? server = null, string? chosen = null)
    {
        var canonical = MacAddress.Normalize(mac);
        if (canonical is null)
        {
            return null;
        }

        var client = new BootClient
        {
            Mac = canonical,
            Architecture = architecture,
            Firmware = BootClient.Classify(architecture),
            IsIpxe = true,
            UserClasses = ["iPXE"],
            Interface = interfaceName,
            Network = from,
        };
        var profile = Select(client);
        if (chosen is not null)
        {
            // Only an entry of the menu this client is shown: a name in the URL is no way round the profiles.
            profile = profile?.Menu?.Items.Contains(chosen) == true ? _now.Profiles.FirstOrDefault(p => p.Name == chosen && p.Menu is null) : null;
        }

        return profile switch
        {
            { Menu: not null } => IpxeScript.Menu(profile, canonical, (int?)architecture ?? 0),
            { LocalBoot: true } => IpxeScript.LocalBoot(profile, canonical),
            { Kernel: not null } => IpxeScript.Kernel(profile, canonical, name => Variable(profile, client, name, from, server)),
            _ => null,
        };
    }

    /// <summary>
    /// The GRUB configuration for the machine <paramref name="mac"/> (GRUB names it in <c>grub.cfg-01-MAC</c>), asked from
    /// <paramref name="from"/> on <paramref name="interfaceName"/>: its profile's kernel when that profile has
    /// <c>chain: shim</c>; null otherwise (GRUB then asks for its next name).
    /// </summary>
    public string? GrubConfigFor(string mac, string? interfaceName = null, IPAddress? from = null, IPAddress? server = null)
    {
        var canonical = MacAddress.Normalize(mac);
        if (canonical is null)
        {
            return null;
        }

        var architecture = Remembered(canonical)?.Architecture;
        var client = new BootClient
        {
            Mac = canonical,
            Architecture = architecture,
            Firmware = BootClient.Classify(architecture),
            Interface = interfaceName,
            Network = from,
        };
        return Select(client) is { Kernel: not null, Chain: BootChain.Shim } profile
            ? GrubConfig.Kernel(profile, canonical, name => Variable(profile, client, name, from, server))
            : null;
    }

    /// <summary>
    /// The GRUB configuration for a machine GRUB did not name (<c>grub/grub.cfg</c>): for each of GRUB's CPUs, the first
    /// <c>chain: shim</c> profile that takes a machine of that architecture known by nothing else; null when no profile has
    /// <c>chain: shim</c>.
    /// </summary>
    public string? GrubConfigForAny(IPAddress? from = null, IPAddress? server = null)
    {
        var now = _now;
        if (!now.Profiles.Any(p => p is { Kernel: not null, Chain: BootChain.Shim }))
        {
            return null;
        }

        var byCpu = new List<(string Cpu, string Config)>();
        foreach (var (cpu, architecture) in new[] { ("x86_64", ClientArchitecture.EfiX64), ("arm64", ClientArchitecture.EfiArm64) })
        {
            var client = new BootClient { Mac = "", Architecture = architecture, Firmware = BootClient.Classify(architecture), Network = from };
            if (now.Profiles.FirstOrDefault(p => p.Match.Matches(client) && !p.Once) is { Kernel: not null, Chain: BootChain.Shim } profile)
            {
                byCpu.Add((cpu, GrubConfig.Kernel(profile, "this machine", name => name == "mac" ? null : Variable(profile, client, name, from, server))));
            }
        }

        return GrubConfig.ByCpu(byCpu);
    }

    /// <summary>
    /// A file reached a client whole. If it is what the client's boot-once profile boots (its program,
    /// or its kernel), the profile is used up for that client.
    /// </summary>
    public void Delivered(string mac, string file)
    {
        if (!_chosen.TryGet(mac, out var profile))
        {
            return;
        }

        var name = file.TrimStart('/');
        if (name == profile.Program?.TrimStart('/') || name == profile.Kernel?.TrimStart('/') || (profile.LocalBoot && name == ScriptPath))
        {
            _once.MarkUsed(mac, profile.Name);
            _chosen.Remove(mac);
        }
    }

    /// <summary>Whether the running configuration has a boot-once profile named <paramref name="profile"/>.</summary>
    public bool IsBootOnce(string profile) => _now.Profiles.Any(p => p.Once && p.Name == profile);

    /// <summary>
    /// Marks <paramref name="profile"/> used for <paramref name="mac"/> (<paramref name="used"/>: the machine no longer gets
    /// it), or takes the mark away (it gets it again on its next boot). The mark is stored at once.
    /// </summary>
    public void SetBootOnceUsed(string mac, string profile, bool used)
    {
        var canonical = MacAddress.Normalize(mac) ?? throw new ArgumentException($"'{mac}' is not a MAC address.", nameof(mac));
        if (used)
        {
            _once.MarkUsed(canonical, profile);
        }
        else
        {
            _once.Forget(canonical, profile);
        }
    }

    /// <summary>
    /// A template variable for a file served to the client at <paramref name="from"/> (<see cref="Files.FileTemplates"/>):
    /// <paramref name="mac"/> is its MAC when its lease names it; the other variables are what its last DHCP request said,
    /// and the <c>vars:</c> of the profile that answered it (as the profiles are now). Null when not known.
    /// </summary>
    public string? FileVariable(string name, string? mac, IPAddress from, IPAddress? server)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(from);
        var told = mac is null ? null : Remembered(mac);

        return name switch
        {
            "server" => server?.ToString(),
            "mac" => mac,
            "ip" => from.ToString(),
            "arch" => Number(told?.Architecture),
            "uuid" => told?.Uuid,
            "hostname" => told?.HostName,
            _ => told is { } t && _now.Profiles.FirstOrDefault(p => p.Name == t.Profile) is { } profile ? profile.Variable(name, mac!) : null,
        };
    }

    /// <summary>A template variable of <paramref name="client"/> booting <paramref name="profile"/>; null when it is not known.</summary>
    private string? Variable(BootProfile profile, BootClient client, string name, IPAddress? from, IPAddress? server)
    {
        var told = Remembered(client.Mac);
        return name switch
        {
            "server" => server?.ToString(),
            "mac" => client.Mac,
            "ip" => from?.ToString(),
            "arch" => Number(client.Architecture),
            "uuid" => told?.Uuid,
            "hostname" => told?.HostName,
            _ => profile.Variable(name, client.Mac),
        };
    }

    private Told? Remembered(string mac) => _told.TryGet(mac, out var told) ? told : null;

    private static string? Number(ClientArchitecture? architecture) =>
        architecture is { } arch ? ((ushort)arch).ToString(CultureInfo.InvariantCulture) : null;

    private static string Url(Snapshot now, IPAddress server, string path) =>
        now.HttpPort is null or 80 ? $"http://{Host(server)}/{path.TrimStart('/')}" : $"http://{Host(server)}:{now.HttpPort}/{path.TrimStart('/')}";

    /// <summary>The host part of a URL: an IPv6 address in brackets (RFC 3986 section 3.2.2), without a zone.</summary>
    public static string Host(IPAddress server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{new IPAddress(server.GetAddressBytes())}]"
            : server.ToString();
    }

    private static bool IsUrl(string file) => file.Contains("://", StringComparison.Ordinal);

    private static BootAnswer Answer(BootProfile profile, string file, BootAction action, bool http) =>
        new(file) { Profile = profile.Name, Action = action, ForHttpClient = http, Options = profile.Options };

    /// <summary>What a client's DHCP request said of it, and the name of the profile that answered it.</summary>
    private sealed record Told(string? Uuid, string? HostName, ClientArchitecture? Architecture, string Profile)
    {
        /// <summary>What the client says now over what it said <paramref name="before"/>: that entry itself when nothing is new.</summary>
        public static Told Of(BootClient client, string profile, Told? before)
        {
            var uuid = client.Uuid ?? before?.Uuid;
            var hostName = client.HostName ?? before?.HostName;
            var architecture = client.Architecture ?? before?.Architecture;
            return before is not null && before.Uuid == uuid && before.HostName == hostName && before.Architecture == architecture && before.Profile == profile
                ? before
                : new Told(uuid, hostName, architecture, profile);
        }
    }

    /// <summary>The configuration a request is answered from, swapped whole.</summary>
    private sealed record Snapshot(IReadOnlyList<BootProfile> Profiles, IpxeBinaries Ipxe, int? HttpPort);
}
