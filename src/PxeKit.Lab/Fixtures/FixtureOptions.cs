namespace PxeKit.Lab.Fixtures;

/// <summary>Where the boot tree (BIOS and UEFI) is kept and what it is built from.</summary>
public sealed record FixtureOptions
{
    /// <summary>
    /// The tree's directory. Default <c>/var/cache/pxekit/fixtures/bios</c>: the name predates the UEFI files,
    /// and is kept so existing caches are completed in place rather than downloaded again.
    /// </summary>
    public string CacheDirectory { get; init; } = "/var/cache/pxekit/fixtures/bios";

    /// <summary>PXELINUX, from Debian's <c>pxelinux</c> package.</summary>
    public string PxelinuxPath { get; init; } = "/usr/lib/PXELINUX/pxelinux.0";

    /// <summary>PXELINUX's core module, from <c>syslinux-common</c>.</summary>
    public string LdlinuxPath { get; init; } = "/usr/lib/syslinux/modules/bios/ldlinux.c32";

    /// <summary>iPXE as an x64 EFI program, from Debian's <c>ipxe</c> package.</summary>
    public string IpxeEfiPath { get; init; } = "/usr/lib/ipxe/ipxe.efi";

    /// <summary>iPXE for BIOS PXE ROMs, from Debian's <c>ipxe</c> package.</summary>
    public string UndionlyPath { get; init; } = "/usr/lib/ipxe/undionly.kpxe";

    /// <summary>The metapackage whose dependency names the kernel package. Default <c>linux-image-amd64</c>.</summary>
    public string KernelMetapackage { get; init; } = "linux-image-amd64";

    /// <summary>The static busybox package (downloaded and unpacked, never installed).</summary>
    public string BusyboxPackage { get; init; } = "busybox-static";
}
