namespace PxeKit.Lab.Qemu;

/// <summary>The firmware the VM starts with.</summary>
public enum QemuFirmware
{
    /// <summary>SeaBIOS; the NIC's option ROM is iPXE (package ipxe-qemu).</summary>
    Bios,
}
