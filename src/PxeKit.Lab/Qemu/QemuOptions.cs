using PxeKit.Lab.Fixtures;

namespace PxeKit.Lab.Qemu;

/// <summary>One network-booting VM. Always TCG: KVM does not work on the machines PxeKit is built on.</summary>
public sealed record QemuOptions
{
    /// <summary>The NIC model that OVMF drives itself (VirtioNetDxe) once its option ROM is removed.</summary>
    public const string VirtioNet = "virtio-net-pci";

    /// <summary>The emulator for x86 firmware.</summary>
    public const string X86Emulator = "qemu-system-x86_64";

    /// <summary>OVMF's code built with Secure Boot (Debian's ovmf: <c>OVMF_CODE_4M.ms.fd</c>, a link to the secboot build).</summary>
    public const string SecureBootCodePath = "/usr/share/OVMF/OVMF_CODE_4M.ms.fd";

    /// <summary>OVMF's variable store with Microsoft's keys enrolled and Secure Boot on (Debian's ovmf: <c>OVMF_VARS_4M.ms.fd</c>).</summary>
    public const string SecureBootVarsPath = "/usr/share/OVMF/OVMF_VARS_4M.ms.fd";

    /// <summary>The emulator for <see cref="QemuFirmware.UefiArm64"/>.</summary>
    public const string Arm64Emulator = "qemu-system-aarch64";

    private readonly string? _emulator;

    /// <summary>The emulator. Default <see cref="Arm64Emulator"/> for <see cref="QemuFirmware.UefiArm64"/>, else <see cref="X86Emulator"/>.</summary>
    public string Emulator
    {
        get => _emulator ?? (Firmware == QemuFirmware.UefiArm64 ? Arm64Emulator : X86Emulator);
        init => _emulator = value;
    }

    /// <summary>Default <see cref="QemuFirmware.Bios"/>.</summary>
    public QemuFirmware Firmware { get; init; } = QemuFirmware.Bios;

    /// <summary>The NIC model (<c>-device</c>). Default <c>e1000</c>.</summary>
    public string Nic { get; init; } = "e1000";

    /// <summary>
    /// Whether the NIC keeps QEMU's option ROM (iPXE, for BIOS and EFI). Default true. False adds
    /// <c>romfile=</c>: under UEFI with <see cref="VirtioNet"/> the firmware's own PXE and HTTP Boot clients
    /// then boot (the plain "UEFI PXE, then iPXE" path); under BIOS the VM has no network boot at all.
    /// </summary>
    public bool NicOptionRom { get; init; } = true;

    /// <summary>
    /// UEFI only: turn off the firmware's PXE over IPv4 and IPv6 (<c>-fw_cfg opt/org.tianocore/IPv4PXESupport=no</c>),
    /// so edk2 goes straight to UEFI HTTP Boot. Needs <see cref="NicOptionRom"/> false, or iPXE boots instead. Default false.
    /// </summary>
    public bool HttpBootOnly { get; init; }

    /// <summary>
    /// UEFI only: the firmware boots over IPv6. With PXE, its PXE over IPv4 is turned off
    /// (<c>-fw_cfg opt/org.tianocore/IPv4PXESupport=no</c>); with <see cref="HttpBootOnly"/>, its IPv4 stack is
    /// (<c>opt/org.tianocore/IPv4Support=no</c>: edk2's Ip4Dxe does not start), so HTTP Boot over IPv4 does not spend a minute
    /// asking DHCPv4 before HTTP Boot over IPv6 starts, and the firmware waits before it boots, which works round Debian 12's
    /// OVMF (<see cref="QemuCommandLine.Ipv6HttpBootWaitMilliseconds"/>). Needs <see cref="NicOptionRom"/> false, or iPXE
    /// boots instead.
    /// Default false.
    /// </summary>
    public bool Ipv6 { get; init; }

    /// <summary>
    /// UEFI x64 only: firmware that enforces Secure Boot. The machine gets SMM (<c>q35,smm=on</c>) and its flash is
    /// writable only from SMM (<c>cfi.pflash01 secure=on</c>), as OVMF's Secure Boot build requires; give it
    /// <see cref="SecureBootCodePath"/> and a copy of <see cref="SecureBootVarsPath"/> (<see cref="ForSecureBoot"/>). Default false.
    /// </summary>
    public bool SecureBoot { get; init; }

    /// <summary>These options with <see cref="SecureBoot"/> on and OVMF's Secure Boot build with Microsoft's keys.</summary>
    public QemuOptions ForSecureBoot() => this with { SecureBoot = true, OvmfCodePath = SecureBootCodePath, OvmfVarsTemplatePath = SecureBootVarsPath };

    /// <summary>OVMF's code, mapped read-only. Default <c>/usr/share/OVMF/OVMF_CODE_4M.fd</c>.</summary>
    public string OvmfCodePath { get; init; } = "/usr/share/OVMF/OVMF_CODE_4M.fd";

    /// <summary>OVMF's empty variable store; each run boots from its own copy. Default <c>/usr/share/OVMF/OVMF_VARS_4M.fd</c>.</summary>
    public string OvmfVarsTemplatePath { get; init; } = "/usr/share/OVMF/OVMF_VARS_4M.fd";

    /// <summary>
    /// edk2 for arm64, loaded with <c>-bios</c>: its variables live in RAM, so every run starts from an empty store.
    /// Default <c>/usr/share/qemu-efi-aarch64/QEMU_EFI.fd</c>.
    /// </summary>
    public string Arm64FirmwarePath { get; init; } = "/usr/share/qemu-efi-aarch64/QEMU_EFI.fd";

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

    /// <summary>
    /// How long the boot may take before it counts as failed. Default 120 s (under TCG a BIOS boot takes
    /// ~25-30 s, a UEFI boot ~30-35 s, UEFI HTTP Boot longer; arm64 through GRUB ~15-20 s).
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The console text that means success. Default <see cref="BootFixture.Marker"/>.</summary>
    public string Marker { get; init; } = BootFixture.Marker;

    /// <summary>Every problem with these options, all at once; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (HttpBootOnly && Firmware != QemuFirmware.Uefi)
        {
            errors.Add("HttpBootOnly needs Firmware = Uefi: only OVMF has UEFI HTTP Boot.");
        }

        if (Ipv6 && (Firmware != QemuFirmware.Uefi || NicOptionRom))
        {
            errors.Add("Ipv6 needs Firmware = Uefi and NicOptionRom = false: it is edk2's own PXE or HTTP Boot client over IPv6.");
        }

        if (HttpBootOnly && NicOptionRom)
        {
            errors.Add("HttpBootOnly needs NicOptionRom = false: with QEMU's option ROM iPXE boots, not the firmware's HTTP Boot.");
        }

        if (SecureBoot && Firmware != QemuFirmware.Uefi)
        {
            errors.Add("SecureBoot needs Firmware = Uefi: the lab's Secure Boot firmware is OVMF for x64.");
        }

        if (Firmware == QemuFirmware.UefiArm64 && Nic != VirtioNet)
        {
            errors.Add($"Nic = {Nic} cannot boot Firmware = UefiArm64: edk2 for arm64 drives only {VirtioNet} itself.");
        }

        if (Firmware == QemuFirmware.UefiArm64 && NicOptionRom)
        {
            errors.Add("Firmware = UefiArm64 needs NicOptionRom = false: QEMU's NIC option ROMs are x86 iPXE, useless to arm64 edk2.");
        }

        if (MemoryMiB < 64)
        {
            errors.Add($"MemoryMiB = {MemoryMiB} is too little to boot a kernel (at least 64).");
        }

        foreach (var (name, value) in new[] { ("Nic", Nic), ("Tap", Tap), ("OvmfCodePath", OvmfCodePath), ("OvmfVarsTemplatePath", OvmfVarsTemplatePath), ("Arm64FirmwarePath", Arm64FirmwarePath), ("MacAddress", MacAddress ?? "") })
        {
            if (value.Contains(',', StringComparison.Ordinal))
            {
                errors.Add($"{name} '{value}' contains ',', which QEMU's option syntax cannot take here.");
            }
        }

        return errors;
    }
}
