namespace PxeKit.Lab.Fixtures;

/// <summary>What the BIOS boot tree contains and what a successful boot prints.</summary>
public static class BootFixture
{
    /// <summary>The line <c>/init</c> prints on the console when the kernel has booted from the network.</summary>
    public const string Marker = "PXEKIT-MARKER: the kernel booted from PxeKit";

    public const string Pxelinux = "pxelinux.0";
    public const string Ldlinux = "ldlinux.c32";
    public const string PxelinuxConfig = "pxelinux.cfg/default";
    public const string Kernel = "vmlinuz";
    public const string Initrd = "initrd.gz";

    /// <summary>The DHCP boot file name to offer (the first thing the firmware downloads).</summary>
    public const string BootFileName = Pxelinux;

    /// <summary>Every file of the tree, relative to its root, with '/' separators.</summary>
    public static IReadOnlyList<string> Files { get; } = [Pxelinux, Ldlinux, PxelinuxConfig, Kernel, Initrd];

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
