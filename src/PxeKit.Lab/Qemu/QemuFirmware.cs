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
}
