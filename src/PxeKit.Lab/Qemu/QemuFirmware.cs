namespace PxeKit.Lab.Qemu;

/// <summary>The firmware the VM starts with.</summary>
public enum QemuFirmware
{
    /// <summary>SeaBIOS; the NIC's option ROM is iPXE (package ipxe-qemu).</summary>
    Bios,

    /// <summary>
    /// UEFI x64: OVMF (package ovmf) as pflash, on a q35 machine. Who network-boots depends on the NIC's
    /// option ROM: QEMU's ROMs (e1000, virtio-net-pci, ...) carry an iPXE EFI driver, which then boots the
    /// VM; with <see cref="QemuOptions.NicOptionRom"/> false and <c>virtio-net-pci</c>, OVMF's own driver
    /// runs the NIC and edk2's PXE client (option 93 = 7, <c>PXEClient:Arch:00007</c>) or HTTP Boot client boots.
    /// </summary>
    Uefi,

    /// <summary>
    /// UEFI arm64: edk2 for QEMU's <c>virt</c> machine (<c>QEMU_EFI.fd</c>, package qemu-efi-aarch64) as <c>-bios</c>,
    /// a Cortex-A57 under <c>qemu-system-aarch64</c> (package qemu-system-arm). Only <c>virtio-net-pci</c> without
    /// an option ROM (QEMU's ROMs are x86 iPXE): edk2's PXE client sends option 93 = 11 (<c>PXEClient:Arch:00011</c>).
    /// </summary>
    UefiArm64,
}
