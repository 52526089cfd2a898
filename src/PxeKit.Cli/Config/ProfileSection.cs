namespace PxeKit.Cli.Config;

/// <summary>One entry of <c>profiles:</c>.</summary>
public sealed class ProfileSection
{
    public string? Name { get; set; }

    public MatchSection? Match { get; set; }

    /// <summary>A boot program under the root (or a URL), served as it is.</summary>
    public string? Boot { get; set; }

    /// <summary>A kernel under the root, booted through iPXE.</summary>
    public string? Kernel { get; set; }

    public List<string>? Initrd { get; set; }

    public string? Cmdline { get; set; }

    /// <summary>How the kernel is booted: <c>ipxe</c> (the default) or <c>shim</c> (shim, GRUB and a generated grub.cfg, for Secure Boot).</summary>
    public string? Chain { get; set; }

    /// <summary>Send the machine to its local disk.</summary>
    public bool? Local { get; set; }

    /// <summary>Apply to one successful boot, then fall through to the next matching profile.</summary>
    public bool? Once { get; set; }

    /// <summary>Other DHCP options (<see cref="OptionSection"/>).</summary>
    public List<OptionSection>? Options { get; set; }

    /// <summary>Template variables of the profile, for its cmdline: <c>{{ name }}</c>.</summary>
    public Dictionary<string, string>? Vars { get; set; }

    /// <summary>An iPXE menu of other profiles instead of booting one thing.</summary>
    public MenuSection? Menu { get; set; }
}
