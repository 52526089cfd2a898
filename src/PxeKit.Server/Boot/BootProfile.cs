namespace PxeKit.Server.Boot;

/// <summary>
/// What a set of clients boots. Exactly one of three: a boot program served as it is
/// (<see cref="Program"/>), a kernel booted through iPXE or shim and GRUB (<see cref="Kernel"/>, <see cref="Chain"/>),
/// or the local disk (<see cref="LocalBoot"/>).
/// </summary>
public sealed record BootProfile
{
    public required string Name { get; init; }

    public ProfileMatch Match { get; init; } = ProfileMatch.Any;

    /// <summary>A boot program: a path under the root (sent over TFTP, or HTTP to HTTP Boot clients) or a URL.</summary>
    public string? Program { get; init; }

    /// <summary>A kernel under the HTTP root, booted by iPXE (chainloaded first when the firmware is not iPXE).</summary>
    public string? Kernel { get; init; }

    public IReadOnlyList<string> Initrds { get; init; } = [];

    /// <summary>
    /// How <see cref="Kernel"/> is booted: through iPXE (the default), or through shim, GRUB and a configuration PxeKit
    /// generates, for firmware that enforces Secure Boot (<c>chain: shim</c>).
    /// </summary>
    public BootChain Chain { get; init; } = BootChain.Ipxe;

    /// <summary>The kernel's command line: a <see cref="BootTemplate"/>, rendered for each client.</summary>
    public string? CommandLine { get; init; }

    /// <summary>The profile's own template variables (<c>vars:</c>), over nothing: a built-in name cannot be one.</summary>
    public IReadOnlyDictionary<string, string> Vars { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The groups the profile matches (<c>match.group</c>), in order: their <c>vars:</c> are under the profile's own.</summary>
    public IReadOnlyList<BootGroup> Groups { get; init; } = [];

    /// <summary>Send the machine to its local disk: iPXE is told to exit, so the firmware tries the next boot device at once.</summary>
    public bool LocalBoot { get; init; }

    /// <summary>A menu of other profiles, shown by iPXE; the machine boots the one chosen.</summary>
    public BootMenu? Menu { get; init; }

    /// <summary>Applies to one successful boot (the boot file delivered whole), then the next matching profile applies.</summary>
    public bool Once { get; init; }

    /// <summary>Options added to the replies that boot it, over the scope's options of the same code.</summary>
    public IReadOnlyList<Dhcp.ConfiguredOption> Options { get; init; } = [];

    /// <summary>
    /// The value of the <c>vars:</c> name for the machine <paramref name="mac"/>: the profile's own, else that of the
    /// first of its groups the machine is in; null when neither has it.
    /// </summary>
    public string? Variable(string name, string mac)
    {
        if (Vars.TryGetValue(name, out var own))
        {
            return own;
        }

        foreach (var group in Groups)
        {
            if (group.Macs.Contains(mac) && group.Vars.TryGetValue(name, out var shared))
            {
                return shared;
            }
        }

        return null;
    }
}
