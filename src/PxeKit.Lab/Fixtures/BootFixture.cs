namespace PxeKit.Lab.Fixtures;

/// <summary>
/// What the boot tree contains and what a successful boot prints. One tree serves both firmwares: the BIOS
/// files (<see cref="Files"/>) and the iPXE files UEFI clients need (<see cref="UefiFiles"/>) share the kernel
/// and the initramfs.
/// </summary>
public static class BootFixture
{
    /// <summary>The line <c>/init</c> prints on the console when the kernel has booted from the network.</summary>
    public const string Marker = "PXEKIT-MARKER: the kernel booted from PxeKit";

    public const string Pxelinux = "pxelinux.0";
    public const string Ldlinux = "ldlinux.c32";
    public const string PxelinuxConfig = "pxelinux.cfg/default";
    public const string Kernel = "vmlinuz";
    public const string Initrd = "initrd.gz";

    /// <summary>iPXE as an EFI program (x64), from Debian's <c>ipxe</c> package.</summary>
    public const string IpxeEfi = "ipxe.efi";

    /// <summary>iPXE for BIOS PXE ROMs (chainloaded through the ROM's UNDI), from Debian's <c>ipxe</c> package.</summary>
    public const string Undionly = "undionly.kpxe";

    /// <summary>
    /// Debian's shim signed by Microsoft (package <c>shim-signed</c>, <c>shimx64.efi.signed</c>): the first program of
    /// the Secure Boot chain, which firmware with Microsoft's keys runs. It fetches <see cref="Grub"/> from the same
    /// TFTP directory.
    /// </summary>
    public const string Shim = "shimx64.efi";

    /// <summary>
    /// Debian's signed GRUB network image (package <c>grub-efi-amd64-signed</c>, <c>grubnetx64.efi.signed</c>) under
    /// the name shim asks for. It reads its configuration from <c>(tftp)/grub/</c>, which the server generates for a
    /// profile with <c>chain: shim</c>, and boots the signed <see cref="Kernel"/>.
    /// </summary>
    public const string Grub = "grubx64.efi";

    /// <summary>The iPXE script that boots the kernel; iPXE fetches it after its own DHCP.</summary>
    public const string IpxeScript = "boot.ipxe";

    /// <summary>The DHCP boot file name to offer a BIOS client (the first thing the firmware downloads).</summary>
    public const string BootFileName = Pxelinux;

    /// <summary>The DHCP boot file name to offer a UEFI x64 client that is not iPXE yet (option 93 = 7).</summary>
    public const string UefiBootFileName = IpxeEfi;

    /// <summary>
    /// What marks the cache as complete for this layout (<c>.pxekit-fixtures</c> holds it). Raised whenever
    /// a file is added or a generated file changes; a tree with an older stamp gets the new files without
    /// downloading the kernel again. 1: the BIOS tree (no stamp). 2: the iPXE files for UEFI. 3: the Secure Boot
    /// chain (<see cref="SecureBootFiles"/>).
    /// </summary>
    public const int LayoutVersion = 3;

    public const string StampFile = ".pxekit-fixtures";

    /// <summary>The BIOS boot's files (PXELINUX), relative to the tree's root, with '/' separators.</summary>
    public static IReadOnlyList<string> Files { get; } = [Pxelinux, Ldlinux, PxelinuxConfig, Kernel, Initrd];

    /// <summary>The iPXE boot's files (UEFI x64 through <c>ipxe.efi</c>, BIOS PXE ROMs through <c>undionly.kpxe</c>).</summary>
    public static IReadOnlyList<string> UefiFiles { get; } = [IpxeEfi, Undionly, IpxeScript, Kernel, Initrd];

    /// <summary>
    /// The Secure Boot chain's files: signed shim, signed GRUB, and the kernel, which Debian signs too (its certificate
    /// table holds Debian's signature, which shim checks against the key built into it).
    /// </summary>
    public static IReadOnlyList<string> SecureBootFiles { get; } = [Shim, Grub, Kernel, Initrd];

    /// <summary>Every file of the tree, each once.</summary>
    public static IReadOnlyList<string> AllFiles { get; } = [.. Files.Concat(UefiFiles).Concat(SecureBootFiles).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The kernel command line: the console on the first serial port, no <c>quiet</c> so the kernel banner
    /// shows, and <c>panic=-1</c> so a kernel panic reboots at once, which <c>-no-reboot</c> turns into the VM ending.
    /// </summary>
    public const string KernelCommandLine = "console=ttyS0 panic=-1";

    /// <summary>The PXELINUX configuration: boot the kernel at once, no prompt, no menu.</summary>
    public static string PxelinuxConfigText { get; } =
        $"""
        DEFAULT pxekit
        PROMPT 0
        TIMEOUT 0
        LABEL pxekit
          KERNEL {Kernel}
          INITRD {Initrd}
          APPEND {KernelCommandLine}

        """;

    /// <summary>
    /// The iPXE script. Debian's iPXE (2019) running as an EFI program hands the initrd to the kernel only by
    /// name, so <c>initrd=initrd.gz</c> must be on the command line or the kernel finds no root and panics.
    /// The names are relative: iPXE resolves them against the script's own URL, so the same script works
    /// fetched over TFTP or HTTP.
    /// </summary>
    public static string IpxeScriptText { get; } =
        $"""
        #!ipxe
        kernel {Kernel} initrd={Initrd} {KernelCommandLine}
        initrd {Initrd}
        boot

        """;

    /// <summary>The initramfs's <c>/init</c>: mount proc and sysfs, print the marker, power off.</summary>
    public static string InitScript { get; } =
        $"""
        #!/bin/busybox sh
        /bin/busybox mount -t proc proc /proc
        /bin/busybox mount -t sysfs sysfs /sys
        echo "{Marker}"
        /bin/busybox poweroff -f

        """;
}
