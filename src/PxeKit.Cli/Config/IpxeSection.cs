namespace PxeKit.Cli.Config;

/// <summary>The <c>ipxe:</c> section: the iPXE builds, under the root, that firmware is chainloaded into.</summary>
public sealed class IpxeSection
{
    public string? Bios { get; set; }

    public string? UefiX64 { get; set; }

    public string? Arm64 { get; set; }
}
