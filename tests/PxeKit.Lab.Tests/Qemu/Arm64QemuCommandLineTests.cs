using PxeKit.Lab.Qemu;

namespace PxeKit.Lab.Tests.Qemu;

public sealed class Arm64QemuCommandLineTests
{
    private static readonly QemuOptions Arm64 = new() { Firmware = QemuFirmware.UefiArm64, Nic = QemuOptions.VirtioNet, NicOptionRom = false, Namespace = "pxka-lab", Tap = "pxkatap" };

    [Fact]
    public void An_arm64_vm_is_a_cortex_a57_virt_machine_with_edk2_as_bios_and_the_virtio_nic_first()
    {
        var command = QemuCommandLine.Build(Arm64, "/tmp/serial.log");

        Assert.Equal(
            "ip netns exec pxka-lab qemu-system-aarch64 -accel tcg -m 512 -machine virt -cpu cortex-a57 -display none -monitor none "
            + "-serial file:/tmp/serial.log -bios /usr/share/qemu-efi-aarch64/QEMU_EFI.fd "
            + "-netdev tap,id=n0,ifname=pxkatap,script=no,downscript=no "
            + "-device virtio-net-pci,netdev=n0,romfile=,bootindex=1 -no-reboot",
            command.ToShell());
    }

    [Fact]
    public void The_emulator_follows_the_firmware_unless_set()
    {
        Assert.Equal("qemu-system-aarch64", Arm64.Emulator);
        Assert.Equal("qemu-system-x86_64", new QemuOptions().Emulator);
        Assert.Equal("qemu-system-x86_64", new QemuOptions { Firmware = QemuFirmware.Uefi }.Emulator);
        Assert.Equal("/opt/qemu/bin/qemu-system-aarch64", (Arm64 with { Emulator = "/opt/qemu/bin/qemu-system-aarch64" }).Emulator);
    }

    [Fact]
    public void An_arm64_vm_with_an_x86_nic_setup_is_refused_with_every_reason()
    {
        var options = new QemuOptions { Firmware = QemuFirmware.UefiArm64, Arm64FirmwarePath = "/a,b.fd" };

        var error = Assert.Throws<ArgumentException>(() => QemuCommandLine.Build(options, "/tmp/s.log"));

        Assert.Contains("Nic = e1000 cannot boot Firmware = UefiArm64", error.Message, StringComparison.Ordinal);
        Assert.Contains("Firmware = UefiArm64 needs NicOptionRom = false", error.Message, StringComparison.Ordinal);
        Assert.Contains("Arm64FirmwarePath '/a,b.fd'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Http_boot_only_stays_an_x86_uefi_switch()
    {
        Assert.Contains("HttpBootOnly needs Firmware = Uefi", string.Join(' ', (Arm64 with { HttpBootOnly = true }).Validate()), StringComparison.Ordinal);
    }
}
