namespace PxeKit.Lab.Fixtures;

/// <summary>Where the boot trees (x86 BIOS and UEFI; arm64 UEFI) are kept and what they are built from.</summary>
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

    /// <summary>Debian's shim signed by Microsoft, downloaded and unpacked (never installed). Default <c>shim-signed</c>.</summary>
    public string ShimPackage { get; init; } = "shim-signed";

    /// <summary>Debian's signed GRUB images, downloaded and unpacked (never installed). Default <c>grub-efi-amd64-signed</c>.</summary>
    public string GrubSignedPackage { get; init; } = "grub-efi-amd64-signed";

    /// <summary>The static busybox package (downloaded and unpacked, never installed); for arm64 its <c>:arm64</c> build.</summary>
    public string BusyboxPackage { get; init; } = "busybox-static";

    /// <summary>The arm64 tree's directory (<see cref="Arm64FixtureBuilder"/>). Default <see cref="Arm64BootFixture.DefaultDirectory"/>.</summary>
    public string Arm64CacheDirectory { get; init; } = Arm64BootFixture.DefaultDirectory;

    /// <summary>The arm64 kernel's metapackage, downloaded as <c>:arm64</c>. Default <c>linux-image-arm64</c>.</summary>
    public string Arm64KernelMetapackage { get; init; } = "linux-image-arm64";

    /// <summary>GRUB's arm64 EFI modules, downloaded as <c>:arm64</c> and unpacked for grub-mkimage. Default <c>grub-efi-arm64-bin</c>.</summary>
    public string GrubArm64Package { get; init; } = "grub-efi-arm64-bin";

    /// <summary>The host's grub-mkimage (package <c>grub-common</c>); it builds images for any GRUB platform.</summary>
    public string GrubMkimagePath { get; init; } = "/usr/bin/grub-mkimage";
}
