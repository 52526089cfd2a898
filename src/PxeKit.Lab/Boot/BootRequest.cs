using PxeKit.Lab.Qemu;

namespace PxeKit.Lab.Boot;

/// <summary>What <c>pxekit boot</c> (and <c>demo</c>) were asked for.</summary>
public sealed record BootRequest
{
    /// <summary>The boot tree to serve; null for the fixtures.</summary>
    public string? Root { get; init; }

    /// <summary>
    /// The boot program to offer instead of the usual path for the firmware (pxelinux.0 for BIOS, iPXE then a kernel for
    /// UEFI); null for the usual path. Giving one to UEFI firmware reproduces the wrong-firmware fault.
    /// </summary>
    public string? BootFile { get; init; }

    public QemuFirmware Firmware { get; init; } = QemuFirmware.Bios;

    /// <summary>
    /// UEFI x64 firmware that enforces Secure Boot (OVMF's build with Microsoft's keys), booted through shim, GRUB and the
    /// signed kernel (a profile with <c>chain: shim</c>), or through <see cref="BootFile"/> when one is given.
    /// </summary>
    public bool SecureBoot { get; init; }

    /// <summary>
    /// What the lab's network speaks. <see cref="BootIpStack.Ipv6"/>: UEFI x64 boots edk2's PXE over IPv6 (DHCPv6), then
    /// iPXE over IPv6; BIOS boots QEMU's iPXE ROM over IPv6.
    /// </summary>
    public BootIpStack Stack { get; init; }

    public string Nic { get; init; } = "e1000";

    /// <summary>
    /// BIOS: boot the kernel through an iPXE script over HTTP instead of pxelinux over TFTP.
    /// UEFI: UEFI HTTP Boot instead of PXE (the firmware's PXE is turned off).
    /// </summary>
    public bool Http { get; init; }

    /// <summary>PxeKit in proxy mode beside a third-party DHCP server (dnsmasq, addresses only).</summary>
    public bool Proxy { get; init; }

    /// <summary>A third-party DHCP server (dnsmasq, addresses only) on the lab network; implied by <see cref="Proxy"/>.</summary>
    public bool OtherDhcp { get; init; }

    /// <summary>PxeKit serves files only; the third-party DHCP server hands out addresses with no boot information (fault g).</summary>
    public bool NoDhcp { get; init; }

    public required string Marker { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Print the equivalent shell commands of every lab step.</summary>
    public bool Explain { get; init; }
}
