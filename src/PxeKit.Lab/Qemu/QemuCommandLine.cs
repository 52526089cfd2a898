using System.Globalization;
using PxeKit.Core.Processes;

namespace PxeKit.Lab.Qemu;

/// <summary>Builds the QEMU command for a network boot (a pure function, so it is tested and shown by <c>--explain</c>).</summary>
public static class QemuCommandLine
{
    /// <summary>The CPU of the arm64 VM: a plain ARMv8.0 core, what LAB.md verified with Debian's kernel and edk2.</summary>
    public const string Arm64Cpu = "cortex-a57";

    /// <summary>
    /// How long OVMF waits before its first boot option when it boots HTTP Boot over IPv6, in milliseconds
    /// (<c>-boot menu=on,splash-time=5000</c>). Debian 12's OVMF (edk2-stable202211) starts DHCPv6 for HTTP Boot as soon as
    /// the NIC's IPv6 driver is up, before its link-local address has passed duplicate address detection, gets
    /// EFI_NO_MAPPING and gives up at once without a packet on the wire ("Unexpected network error"; edk2 waits for it since
    /// commit 11f1d28bcb, edk2-stable202508). OVMF connects the NIC before its boot-menu countdown, so the address is ready
    /// when the countdown ends and HTTP Boot starts.
    /// </summary>
    public const int Ipv6HttpBootWaitMilliseconds = 5000;

    /// <summary>
    /// BIOS: <c>ip netns exec NS qemu-system-x86_64 -accel tcg -m 512 -machine graphics=off -display none -monitor none
    /// -serial file:LOG -boot n -netdev tap,... -device e1000,... -no-reboot</c>. Without <c>graphics=off</c>
    /// SeaBIOS and iPXE print nothing on the serial port; <c>-no-reboot</c> turns the guest's reboot (or a
    /// kernel panic with <c>panic=-1</c>) into QEMU exiting.
    /// <para>
    /// UEFI: <c>-machine q35,graphics=off</c> and OVMF as two pflash drives, the code read-only and the
    /// variables from <paramref name="uefiVarsPath"/> (a per-run copy: OVMF writes its boot options there).
    /// OVMF's console reaches the serial port with or without <c>graphics=off</c> (its ConOut always includes
    /// the serial terminal); it is kept for the same command shape as BIOS. q35 booted ~8% faster than
    /// <c>pc</c> here (34 s against 37 s). OVMF ignores <c>-boot n</c> (its boot order comes from
    /// <c>bootindex</c>): without <c>bootindex=1</c> on the NIC it first tries q35's empty DVD drive.
    /// </para>
    /// <para>
    /// UEFI with Secure Boot (<see cref="QemuOptions.SecureBoot"/>): <c>-machine q35,smm=on,graphics=off</c> and
    /// <c>-global driver=cfi.pflash01,property=secure,value=on</c>: OVMF's Secure Boot build keeps its variables safe in
    /// SMM and stops at once on a machine without it. The code and variables are then the <c>.ms</c> builds, Microsoft's
    /// keys enrolled (verified in ../shared/LAB.md).
    /// </para>
    /// <para>
    /// UEFI arm64: <c>qemu-system-aarch64 -accel tcg -m 512 -machine virt -cpu cortex-a57 ... -bios QEMU_EFI.fd</c>.
    /// <c>-bios</c> rather than pflash: the firmware then keeps its variables in RAM, so no per-run copy is needed
    /// and no run sees the last one's boot options. The PL011 UART of <c>virt</c> is the serial port; the machine
    /// has no <c>graphics</c> property (edk2 and GRUB write to the serial console anyway). The NIC has
    /// <c>bootindex=1</c> for the same reason as with OVMF.
    /// </para>
    /// </summary>

    /// <param name="options">The VM; must pass <see cref="QemuOptions.Validate"/>.</param>
    /// <param name="serialLogPath">Where the console goes.</param>
    /// <param name="uefiVarsPath">The run's copy of OVMF's variable store; required for <see cref="QemuFirmware.Uefi"/>.</param>
    public static Command Build(QemuOptions options, string serialLogPath, string? uefiVarsPath = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(serialLogPath);
        var errors = options.Validate().ToList();
        CheckPath(errors, "The serial log path", serialLogPath);
        var uefi = options.Firmware == QemuFirmware.Uefi;
        if (uefi)
        {
            if (string.IsNullOrEmpty(uefiVarsPath))
            {
                errors.Add("A UEFI VM needs its own copy of OVMF's variable store: pass uefiVarsPath.");
            }
            else
            {
                CheckPath(errors, "The UEFI variable store path", uefiVarsPath);
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid QEMU options: " + string.Join(" ", errors), nameof(options));
        }

        var arm64 = options.Firmware == QemuFirmware.UefiArm64;
        List<string> arguments =
        [
            "-accel", "tcg",
            "-m", options.MemoryMiB.ToString(CultureInfo.InvariantCulture),
            .. arm64 ? (string[])["-machine", "virt", "-cpu", Arm64Cpu] : ["-machine", uefi ? (options.SecureBoot ? "q35,smm=on,graphics=off" : "q35,graphics=off") : "graphics=off"],
            "-display", "none",
            "-monitor", "none",
            "-serial", "file:" + serialLogPath,
        ];
        if (arm64)
        {
            arguments.AddRange(["-bios", options.Arm64FirmwarePath]);
        }
        else if (uefi)
        {
            if (options.SecureBoot)
            {
                arguments.AddRange(["-global", "driver=cfi.pflash01,property=secure,value=on"]);
            }

            arguments.AddRange(
            [
                "-drive", $"if=pflash,format=raw,unit=0,readonly=on,file={options.OvmfCodePath}",
                "-drive", $"if=pflash,format=raw,unit=1,file={uefiVarsPath}",
            ]);
            if (options.HttpBootOnly)
            {
                arguments.AddRange(
                [
                    "-fw_cfg", "name=opt/org.tianocore/IPv4PXESupport,string=no",
                    "-fw_cfg", "name=opt/org.tianocore/IPv6PXESupport,string=no",
                ]);
                if (options.Ipv6)
                {
                    arguments.AddRange(
                    [
                        "-fw_cfg", "name=opt/org.tianocore/IPv4Support,string=no",
                        "-boot", string.Create(CultureInfo.InvariantCulture, $"menu=on,splash-time={Ipv6HttpBootWaitMilliseconds}"),
                    ]);
                }
            }
            else if (options.Ipv6)
            {
                arguments.AddRange(["-fw_cfg", "name=opt/org.tianocore/IPv4PXESupport,string=no"]);
            }
        }
        else
        {
            arguments.AddRange(["-boot", "n"]);
        }

        arguments.AddRange(["-netdev", $"tap,id=n0,ifname={options.Tap},script=no,downscript=no", "-device", Device(options)]);
        arguments.Add("-no-reboot");

        var qemu = new Command(options.Emulator, arguments);
        return options.Namespace is null ? qemu : qemu.Prefixed("ip", "netns", "exec", options.Namespace);
    }

    private static string Device(QemuOptions options)
    {
        var device = $"{options.Nic},netdev=n0";
        if (options.MacAddress is not null)
        {
            device += $",mac={options.MacAddress}";
        }

        if (!options.NicOptionRom)
        {
            device += ",romfile=";
        }

        return options.Firmware == QemuFirmware.Bios ? device : device + ",bootindex=1";
    }

    private static void CheckPath(List<string> errors, string what, string path)
    {
        if (path.Contains(',', StringComparison.Ordinal))
        {
            errors.Add($"{what} '{path}' contains ',', which QEMU's option syntax cannot take here.");
        }
    }
}
