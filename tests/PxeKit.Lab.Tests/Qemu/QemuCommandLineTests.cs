using PxeKit.Lab.Qemu;

namespace PxeKit.Lab.Tests.Qemu;

public sealed class QemuCommandLineTests
{
    [Fact]
    public void The_default_vm_is_the_verified_bios_e1000_command_inside_the_lab_namespace()
    {
        var command = QemuCommandLine.Build(new QemuOptions(), "/tmp/serial.log");

        Assert.Equal(
            "ip netns exec pxk-lab qemu-system-x86_64 -accel tcg -m 512 -machine graphics=off -display none -monitor none "
            + "-serial file:/tmp/serial.log -boot n -netdev tap,id=n0,ifname=pxktap0,script=no,downscript=no "
            + "-device e1000,netdev=n0 -no-reboot",
            command.ToShell());
    }

    [Fact]
    public void Nic_mac_memory_and_namespace_are_options()
    {
        var options = new QemuOptions { Nic = "rtl8139", MacAddress = "52:54:00:aa:bb:cc", MemoryMiB = 256, Namespace = null, Tap = "pxkt1" };

        var command = QemuCommandLine.Build(options, "/tmp/s.log");

        Assert.Equal("qemu-system-x86_64", command.FileName);
        Assert.Contains("rtl8139,netdev=n0,mac=52:54:00:aa:bb:cc", command.Arguments);
        Assert.Contains("256", command.Arguments);
        Assert.Contains("tap,id=n0,ifname=pxkt1,script=no,downscript=no", command.Arguments);
    }

    [Fact]
    public void A_uefi_pxe_vm_is_q35_with_ovmf_as_pflash_and_the_virtio_nic_without_its_ipxe_rom()
    {
        var options = new QemuOptions { Firmware = QemuFirmware.Uefi, Nic = QemuOptions.VirtioNet, NicOptionRom = false, Namespace = "pxku-lab", Tap = "pxkutap" };

        var command = QemuCommandLine.Build(options, "/tmp/serial.log", "/tmp/pxekit-vm-1/OVMF_VARS.fd");

        Assert.Equal(
            "ip netns exec pxku-lab qemu-system-x86_64 -accel tcg -m 512 -machine q35,graphics=off -display none -monitor none "
            + "-serial file:/tmp/serial.log "
            + "-drive if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd "
            + "-drive if=pflash,format=raw,unit=1,file=/tmp/pxekit-vm-1/OVMF_VARS.fd "
            + "-netdev tap,id=n0,ifname=pxkutap,script=no,downscript=no "
            + "-device virtio-net-pci,netdev=n0,romfile=,bootindex=1 -no-reboot",
            command.ToShell());
    }

    [Fact]
    public void A_secure_boot_vm_has_smm_flash_writable_only_from_smm_and_ovmfs_build_with_microsofts_keys()
    {
        var options = new QemuOptions { Firmware = QemuFirmware.Uefi, Nic = QemuOptions.VirtioNet, NicOptionRom = false, Namespace = null, Tap = "pxkutap" }.ForSecureBoot();

        var command = QemuCommandLine.Build(options, "/tmp/serial.log", "/tmp/pxekit-vm-1/OVMF_VARS.fd");

        Assert.Equal(
            "qemu-system-x86_64 -accel tcg -m 512 -machine q35,smm=on,graphics=off -display none -monitor none "
            + "-serial file:/tmp/serial.log "
            + "-global driver=cfi.pflash01,property=secure,value=on "
            + "-drive if=pflash,format=raw,unit=0,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.ms.fd "
            + "-drive if=pflash,format=raw,unit=1,file=/tmp/pxekit-vm-1/OVMF_VARS.fd "
            + "-netdev tap,id=n0,ifname=pxkutap,script=no,downscript=no "
            + "-device virtio-net-pci,netdev=n0,romfile=,bootindex=1 -no-reboot",
            command.ToShell());
        Assert.Equal(QemuOptions.SecureBootVarsPath, options.OvmfVarsTemplatePath);
        Assert.Contains("SecureBoot needs Firmware = Uefi", string.Join(" ", (options with { Firmware = QemuFirmware.Bios }).Validate()), StringComparison.Ordinal);
    }

    [Fact]
    public void Http_boot_only_turns_off_the_firmware_pxe_for_both_ip_versions()
    {
        var options = new QemuOptions { Firmware = QemuFirmware.Uefi, Nic = QemuOptions.VirtioNet, NicOptionRom = false, HttpBootOnly = true, Namespace = null };

        var arguments = string.Join(' ', QemuCommandLine.Build(options, "/tmp/s.log", "/tmp/v.fd").Arguments);

        Assert.Contains("-fw_cfg name=opt/org.tianocore/IPv4PXESupport,string=no -fw_cfg name=opt/org.tianocore/IPv6PXESupport,string=no", arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void Ipv6_pxe_turns_off_the_firmware_pxe_over_ipv4_only()
    {
        var options = new QemuOptions { Firmware = QemuFirmware.Uefi, Nic = QemuOptions.VirtioNet, NicOptionRom = false, Ipv6 = true, Namespace = null };

        var arguments = string.Join(' ', QemuCommandLine.Build(options, "/tmp/s.log", "/tmp/v.fd").Arguments);

        Assert.Contains("-fw_cfg name=opt/org.tianocore/IPv4PXESupport,string=no", arguments, StringComparison.Ordinal);
        Assert.DoesNotContain("IPv6PXESupport", arguments, StringComparison.Ordinal);
        Assert.DoesNotContain("IPv4Support", arguments, StringComparison.Ordinal);
        Assert.Contains("-no-reboot", arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void Ipv6_http_boot_turns_off_both_pxe_clients_and_the_firmware_ipv4_stack_and_waits_for_its_link_local_address()
    {
        var options = new QemuOptions { Firmware = QemuFirmware.Uefi, Nic = QemuOptions.VirtioNet, NicOptionRom = false, HttpBootOnly = true, Ipv6 = true, Namespace = null };

        var arguments = string.Join(' ', QemuCommandLine.Build(options, "/tmp/s.log", "/tmp/v.fd").Arguments);

        Assert.Contains(
            "-fw_cfg name=opt/org.tianocore/IPv4PXESupport,string=no -fw_cfg name=opt/org.tianocore/IPv6PXESupport,string=no "
                + "-fw_cfg name=opt/org.tianocore/IPv4Support,string=no",
            arguments,
            StringComparison.Ordinal);
        // Debian 12's OVMF gives up at once if HTTP Boot starts before its link-local address is ready: it waits first
        // (QemuCommandLine.Ipv6HttpBootWaitMilliseconds), so one try boots and a reset still ends the VM.
        Assert.Contains("-boot menu=on,splash-time=5000", arguments, StringComparison.Ordinal);
        Assert.Contains("-no-reboot", arguments, StringComparison.Ordinal);
        Assert.DoesNotContain("fat:", arguments, StringComparison.Ordinal);
        Assert.Contains("Ipv6 needs Firmware = Uefi and NicOptionRom = false", string.Join(' ', (options with { NicOptionRom = true }).Validate()), StringComparison.Ordinal);
    }

    [Fact]
    public void With_its_rom_the_uefi_nic_boots_ipxe_and_no_pxe_switches_are_added()
    {
        var options = new QemuOptions { Firmware = QemuFirmware.Uefi, Namespace = null };

        var arguments = QemuCommandLine.Build(options, "/tmp/s.log", "/tmp/v.fd").Arguments;

        Assert.Contains("e1000,netdev=n0,bootindex=1", arguments);
        Assert.DoesNotContain("-fw_cfg", arguments);
        Assert.DoesNotContain("-boot", arguments); // OVMF ignores it; bootindex orders the boot
    }

    [Fact]
    public void Contradictory_options_are_reported_together()
    {
        var options = new QemuOptions { HttpBootOnly = true, MemoryMiB = 16 };

        var error = Assert.Throws<ArgumentException>(() => QemuCommandLine.Build(options, "/tmp/a,b.log"));

        Assert.Contains("HttpBootOnly needs Firmware = Uefi", error.Message, StringComparison.Ordinal);
        Assert.Contains("HttpBootOnly needs NicOptionRom = false", error.Message, StringComparison.Ordinal);
        Assert.Contains("MemoryMiB = 16", error.Message, StringComparison.Ordinal);
        Assert.Contains("'/tmp/a,b.log'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_uefi_vm_without_its_own_variable_store_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => QemuCommandLine.Build(new QemuOptions { Firmware = QemuFirmware.Uefi }, "/tmp/s.log"));

        Assert.Contains("uefiVarsPath", error.Message, StringComparison.Ordinal);
    }
}
