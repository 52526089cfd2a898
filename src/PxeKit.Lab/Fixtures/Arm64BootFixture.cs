namespace PxeKit.Lab.Fixtures;

/// <summary>
/// The arm64 UEFI boot tree: edk2 (<c>QEMU_EFI.fd</c>) sends option 93 = 11, downloads <see cref="GrubImage"/>
/// over TFTP; GRUB reads <see cref="GrubConfig"/> from the same server and boots the arm64 kernel with the
/// busybox initramfs. Debian ships no arm64 iPXE, hence GRUB. The tree is its own TFTP root, apart from the
/// x86 tree: the names below are relative to it, and the same <see cref="BootFixture.Marker"/> ends the boot.
/// </summary>
public static class Arm64BootFixture
{
    /// <summary>Where the tree is cached by default (<see cref="FixtureOptions.Arm64CacheDirectory"/>).</summary>
    public const string DefaultDirectory = "/var/cache/pxekit/fixtures/arm64";

    /// <summary>The Debian architecture the packages are downloaded for (<c>dpkg --add-architecture arm64</c>).</summary>
    public const string DebianArchitecture = "arm64";

    /// <summary>DHCP option 93 of edk2 for arm64 (RFC 4578 processor architecture 11, "ARM 64-bit UEFI").</summary>
    public const int ClientArchitecture = 11;

    /// <summary>GRUB as an arm64 EFI network program, made by <c>grub-mkimage -O arm64-efi</c>; the name shim and Debian use.</summary>
    public const string GrubImage = "grubaa64.efi";

    /// <summary>The DHCP boot file name to offer an arm64 UEFI client: the GRUB image.</summary>
    public const string BootFileName = GrubImage;

    /// <summary>
    /// GRUB's prefix, baked into the image. It names no device, so GRUB puts in front the one it was loaded
    /// from, <c>(tftp,SERVER)</c> from the PXE reply; the configuration is then <c>(tftp,SERVER)/grub/grub.cfg</c>.
    /// </summary>
    public const string GrubPrefix = "/grub";

    public const string GrubConfig = "grub/grub.cfg";
    public const string Kernel = BootFixture.Kernel;
    public const string Initrd = BootFixture.Initrd;

    /// <summary>
    /// What <see cref="GrubConfigText"/> echoes before it loads the kernel, followed by GRUB's <c>$root</c>
    /// (e.g. <c>tftp,10.47.7.1</c>); the console watcher recognises it.
    /// </summary>
    public const string GrubLoadingMessage = "PxeKit GRUB: loading vmlinuz and initrd.gz from";

    /// <summary>What <see cref="GrubConfigText"/> echoes when <c>boot</c> returned, before it reboots.</summary>
    public const string GrubFailedMessage = "PxeKit GRUB: the kernel did not start; rebooting";

    /// <summary>
    /// The modules built into the image (grub-mkimage adds their dependencies): the EFI network driver and the
    /// PXE configuration (<c>efinet</c>), TFTP and HTTP, the Linux loader, and what the configuration uses.
    /// Nothing is loaded from the server but the configuration, the kernel and the initrd.
    /// </summary>
    public static IReadOnlyList<string> GrubModules { get; } = ["efinet", "net", "tftp", "http", "linux", "normal", "configfile", "echo", "reboot"];

    /// <summary>The arm64 virt machine's first serial port is a PL011: <c>ttyAMA0</c>.</summary>
    public const string KernelCommandLine = "console=ttyAMA0 panic=-1";

    /// <summary>Raised whenever a file is added or a generated file changes (see <see cref="BootFixture.LayoutVersion"/>).</summary>
    public const int LayoutVersion = 1;

    /// <summary>Every file of the tree, relative to its root, with '/' separators.</summary>
    public static IReadOnlyList<string> Files { get; } = [GrubImage, GrubConfig, Kernel, Initrd];

    /// <summary>
    /// GRUB's configuration: no menu, the commands run at once. The paths are absolute on GRUB's root, the TFTP
    /// server the image came from. If <c>boot</c> returns (a file was missing) GRUB reboots, which <c>-no-reboot</c>
    /// turns into the VM ending instead of GRUB waiting at its prompt until the time limit.
    /// </summary>
    public static string GrubConfigText { get; } =
        $"""
        set timeout=0
        echo "{GrubLoadingMessage} $root"
        linux /{Kernel} {KernelCommandLine}
        initrd /{Initrd}
        boot
        echo "{GrubFailedMessage}"
        reboot

        """;
}
