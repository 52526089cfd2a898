using PxeKit.Lab.Fixtures;

namespace PxeKit.Lab.Qemu;

/// <summary>One network-booting VM. Always TCG: KVM does not work on the machines PxeKit is built on.</summary>
public sealed record QemuOptions
{
    /// <summary>The emulator. Default <c>qemu-system-x86_64</c>.</summary>
    public string Emulator { get; init; } = "qemu-system-x86_64";

    /// <summary>Default <see cref="QemuFirmware.Bios"/>.</summary>
    public QemuFirmware Firmware { get; init; } = QemuFirmware.Bios;

    /// <summary>The NIC model (<c>-device</c>). Default <c>e1000</c>.</summary>
    public string Nic { get; init; } = "e1000";

    /// <summary>The NIC's MAC address; null for QEMU's default 52:54:00:12:34:56. Give each VM on one bridge its own.</summary>
    public string? MacAddress { get; init; }

    /// <summary>Guest memory in MiB. Default 512.</summary>
    public int MemoryMiB { get; init; } = 512;

    /// <summary>The tap device the NIC attaches to. Default <c>pxktap0</c>.</summary>
    public string Tap { get; init; } = "pxktap0";

    /// <summary>The namespace holding the tap (QEMU runs inside it); null to run in the current namespace. Default <c>pxk-lab</c>.</summary>
    public string? Namespace { get; init; } = "pxk-lab";

    /// <summary>Where the serial console is written; null for a new temporary file.</summary>
    public string? SerialLogPath { get; init; }

    /// <summary>How long the boot may take before it counts as failed. Default 120 s (a BIOS boot takes ~25-30 s under TCG).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The console text that means success. Default <see cref="BootFixture.Marker"/>.</summary>
    public string Marker { get; init; } = BootFixture.Marker;
}
