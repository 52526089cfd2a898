using PxeKit.Core.Events;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Qemu;

namespace PxeKit.Lab.Tests.Qemu;

/// <summary>Lines as SeaBIOS 1.16.2, iPXE 1.0.0+git-20190125, PXELINUX 6.04 and Linux 6.1 printed them (joined).</summary>
public sealed class ConsoleMilestonesTests
{
    [Theory]
    [InlineData("SeaBIOS (version 1.16.2-debian-1.16.2-1)", BootStep.Firmware, "SeaBIOS 1.16.2-debian-1.16.2-1 started")]
    [InlineData("iPXE (PCI 00:03.0) starting execution...ok", BootStep.Firmware, "iPXE option ROM started (PCI 00:03.0)")]
    [InlineData("iPXE 1.0.0+git-20190125.36a4c85-5.1 -- Open Source Network Boot Firmware -- http://ipxe.org", BootStep.Firmware, "iPXE 1.0.0+git-20190125.36a4c85-5.1 running")]
    [InlineData("Configuring (net0 52:54:00:12:34:56).................. ok", BootStep.Firmware, "iPXE DHCP on net0: ok")]
    [InlineData("net0: 10.47.9.111/255.255.255.0 gw 10.47.9.1", BootStep.Firmware, "iPXE configured 10.47.9.111/255.255.255.0")]
    [InlineData("Filename: pxelinux.0", BootStep.Firmware, "iPXE was offered boot file pxelinux.0")]
    [InlineData("tftp://10.47.9.1/pxelinux.0... ok", BootStep.Firmware, "iPXE downloaded tftp://10.47.9.1/pxelinux.0")]
    [InlineData("PXELINUX 6.04 PXE 20200816 Copyright (C) 1994-2015 H. Peter Anvin et al", BootStep.Firmware, "PXELINUX 6.04 started")]
    [InlineData("Loading vmlinuz... ok", BootStep.Firmware, "PXELINUX loading vmlinuz")]
    [InlineData("Loading initrd.gz...ok", BootStep.Firmware, "PXELINUX loading initrd.gz")]
    [InlineData("[    0.000000] Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org) (gcc-12)", BootStep.KernelStarted, "Linux 6.1.0-56-amd64 started")]
    [InlineData("PXEKIT-MARKER: the kernel booted from PxeKit", BootStep.Marker, "marker seen: PXEKIT-MARKER: the kernel booted from PxeKit")]
    public void Recognises_the_steps_of_a_good_boot(string line, BootStep step, string detail)
    {
        var milestone = ConsoleMilestones.Recognise(line, BootFixture.Marker);

        Assert.NotNull(milestone);
        Assert.Equal(step, milestone.Step);
        Assert.Equal(detail, milestone.Text);
        Assert.False(milestone.Failed);
    }

    [Theory]
    [InlineData("Configuring (net0 52:54:00:12:34:56)...................... No configuration methods succeeded (http://ipxe.org/040ee186)")]
    [InlineData("No configuration methods succeeded (http://ipxe.org/040ee186)")]
    [InlineData("tftp://10.47.0.1/pxelinux.0... Connection timed out (http://ipxe.org/4c126035)")]
    [InlineData("[    1.234567] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)")]
    [InlineData("  PXE-E16: No valid offer received.")]
    [InlineData("  PXE-E18: Server response timeout.")]
    [InlineData("  Error: Could not retrieve NBP file size from HTTP server.")]
    [InlineData("BdsDxe: failed to load Boot0001 \"UEFI PXEv4 (MAC:525400123456)\" from PciRoot(0x0)/Pci(0x2,0x0)/MAC(525400123456,0x1)/IPv4(0.0.0.0,0x0,DHCP,0.0.0.0,0.0.0.0,0.0.0.0): Not Found")]
    [InlineData("BdsDxe: failed to start Boot0002 \"UEFI HTTPv4 (MAC:525400123456)\" from PciRoot(0x0)/Pci(0x2,0x0)/MAC(525400123456,0x1)/IPv4(0.0.0.0,0x0,DHCP,0.0.0.0,0.0.0.0,0.0.0.0)/Uri(): Load Error")]
    [InlineData("tftp://10.47.77.1/boot.ipxe... No such file or directory (http://ipxe.org/2d12618e)")]
    [InlineData("vmlinuz... Connection timed out (http://ipxe.org/4c126035)")]
    [InlineData("EFI stub: ERROR: Failed to load initrd")]
    public void Recognises_failures_as_console_errors(string line)
    {
        var milestone = ConsoleMilestones.Recognise(line, BootFixture.Marker);

        Assert.NotNull(milestone);
        Assert.Equal(BootStep.ConsoleError, milestone.Step);
        Assert.True(milestone.Failed);
    }

    [Theory]
    [InlineData("BdsDxe: failed to load Boot0001 \"UEFI PXEv4 (MAC:525400123456)\" from PciRoot(0x0)/Pci(0x2,0x0)/MAC(525400123456,0x1)/IPv4(0.0.0.0,0x0,DHCP,0.0.0.0,0.0.0.0,0.0.0.0): Access Denied", "Access Denied")]
    [InlineData("BdsDxe: failed to load Boot0001 \"UEFI PXEv4 (MAC:525400123456)\" from PciRoot(0x0)/Pci(0x2,0x0)/MAC(525400123456,0x1)/IPv4(0.0.0.0,0x0,DHCP,0.0.0.0,0.0.0.0,0.0.0.0): Security Violation", "Security Violation")]
    public void A_program_secure_boot_refused_after_its_load_is_a_refusal_naming_the_machine(string line, string reason)
    {
        // As OVMF_CODE_4M.ms.fd printed it for Debian's unsigned ipxe.efi (`pxekit boot --secure-boot --bootfile ipxe.efi`).
        var milestone = ConsoleMilestones.Recognise(line, BootFixture.Marker);

        Assert.Equal(
            new ConsoleMilestone(BootStep.ConsoleError, $"UEFI Secure Boot refused the program of Boot0001 \"UEFI PXEv4 (MAC:525400123456)\": {reason} (no signature the firmware trusts)")
            {
                Failure = ConsoleFailure.ProgramRefused,
                Mac = "52:54:00:12:34:56",
            },
            milestone);
    }

    [Fact]
    public void A_kernel_panic_is_a_console_error_quoting_the_reason_not_a_kernel_start()
    {
        var milestone = ConsoleMilestones.Recognise("[    1.234567] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)", BootFixture.Marker);

        Assert.Equal(new ConsoleMilestone(BootStep.ConsoleError, "kernel panic: VFS: Unable to mount root fs on unknown-block(0,0)") { Failure = ConsoleFailure.KernelFailed }, milestone);
    }

    /// <summary>Lines as OVMF (Debian 12), edk2's PXE and HTTP Boot clients and iPXE EFI printed them (real captures in Data/).</summary>
    [Theory]
    [InlineData(">>Start PXE over IPv4.", "UEFI PXE over IPv4 started")]
    [InlineData(">>Start HTTP Boot over IPv4....", "UEFI HTTP Boot over IPv4 started")]
    [InlineData("  Station IP address is 10.47.77.111", "UEFI network boot configured 10.47.77.111")]
    [InlineData("  NBP filename is ipxe.efi", "UEFI PXE was offered boot file ipxe.efi")]
    [InlineData(" Downloading NBP file...", "UEFI PXE downloading the boot file")]
    [InlineData("  NBP file downloaded successfully.", "UEFI PXE downloaded the boot file")]
    [InlineData("  URI: http://10.47.77.1:8080/ipxe.efi", "UEFI HTTP Boot fetching http://10.47.77.1:8080/ipxe.efi")]
    [InlineData("  Downloading...100%BdsDxe: loading Boot0001 \"UEFI HTTPv4 (MAC:525400123456)\" from PciRoot(0x0)/Pci(0x2,0x0)/MAC(525400123456,0x1)/IPv4(0.0.0.0,0x0,DHCP,0.0.0.0,0.0.0.0,0.0.0.0)/Uri()", "UEFI HTTP Boot downloaded the boot file")]
    [InlineData("BdsDxe: loading Boot0001 \"UEFI PXEv4 (MAC:525400123456)\" from PciRoot(0x0)/Pci(0x2,0x0)/MAC(525400123456,0x1)/IPv4(0.0.0.0,0x0,DHCP,0.0.0.0,0.0.0.0,0.0.0.0)", "UEFI loading Boot0001 \"UEFI PXEv4 (MAC:525400123456)\"")]
    [InlineData("BdsDxe: starting Boot0001 \"UEFI PXEv4 (MAC:525400123456)\" from PciRoot(0x0)/Pci(0x2,0x0)/MAC(525400123456,0x1)/IPv4(0.0.0.0,0x0,DHCP,0.0.0.0,0.0.0.0,0.0.0.0)", "UEFI starting Boot0001 \"UEFI PXEv4 (MAC:525400123456)\"")]
    [InlineData("BdsDxe: failed to load Boot0001 \"UEFI QEMU DVD-ROM QM00005 \" from PciRoot(0x0)/Pci(0x1F,0x2)/Sata(0x2,0xFFFF,0x0): Not Found", "UEFI skipped Boot0001 \"UEFI QEMU DVD-ROM QM00005\": Not Found")]
    [InlineData("iPXE initialising devices...ok", "iPXE initialised its devices")]
    [InlineData("net0: 52:54:00:12:34:56 using SNP on SNP-0000:00:02.0 (open)", "iPXE opened net0 (SNP on SNP-0000:00:02.0)")]
    [InlineData("boot.ipxe : 84 bytes [script]", "iPXE runs boot.ipxe (script, 84 bytes)")]
    [InlineData("vmlinuz... ok", "iPXE downloaded vmlinuz")]
    [InlineData("http://10.47.77.1:8080/boot.ipxe... ok", "iPXE downloaded http://10.47.77.1:8080/boot.ipxe")]
    [InlineData("EFI stub: Loaded initrd from command line option", "Linux EFI stub: Loaded initrd from command line option")]
    public void Recognises_the_steps_of_a_uefi_boot(string line, string detail)
    {
        var milestone = ConsoleMilestones.Recognise(line, BootFixture.Marker);

        Assert.NotNull(milestone);
        Assert.Equal(BootStep.Firmware, milestone.Step);
        Assert.Equal(detail, milestone.Text);
    }

    [Fact]
    public void Edk2_macs_get_colons()
    {
        const string line = "BdsDxe: starting Boot0001 \"UEFI HTTPv4 (MAC:525400ABCDEF)\" from PciRoot(0x0)/Pci(0x2,0x0)/MAC(525400ABCDEF,0x1)/IPv4(0.0.0.0,0x0,DHCP,0.0.0.0,0.0.0.0,0.0.0.0)/Uri()";

        Assert.Equal("52:54:00:ab:cd:ef", ConsoleMilestones.Recognise(line, BootFixture.Marker)!.Mac);
        Assert.Equal("10.47.77.111", ConsoleMilestones.Recognise("  Station IP address is 10.47.77.111", BootFixture.Marker)!.Address);
    }

    [Theory]
    [InlineData("[    0.020380] ACPI: Early table checksum verification disabled")]
    [InlineData("Booting from ROM...")]
    [InlineData("Press Ctrl-B for the iPXE command line...")]
    [InlineData("  NBP filesize is 850528 Bytes")]
    [InlineData("Features: DNS HTTP iSCSI NFS TFTP SRP AoE EFI Menu")]
    [InlineData("")]
    public void Ordinary_lines_are_not_milestones(string line) =>
        Assert.Null(ConsoleMilestones.Recognise(line, BootFixture.Marker));

    [Fact]
    public void Carries_the_mac_address_and_file_when_the_line_names_them()
    {
        Assert.Equal("52:54:00:12:34:56", ConsoleMilestones.Recognise("Configuring (net0 52:54:00:12:34:56)... ok", "M")!.Mac);
        Assert.Equal("10.47.9.111", ConsoleMilestones.Recognise("net0: 10.47.9.111/255.255.255.0 gw 10.47.9.1", "M")!.Address);
        Assert.Equal("vmlinuz", ConsoleMilestones.Recognise("Loading vmlinuz... ok", "M")!.File);
    }
}
