using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Qemu;
using PxeKit.Server.Journal;

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
        Assert.Equal(detail, milestone.Detail);
        Assert.False(milestone.Failed);
    }

    [Theory]
    [InlineData("Configuring (net0 52:54:00:12:34:56)...................... No configuration methods succeeded (http://ipxe.org/040ee186)")]
    [InlineData("No configuration methods succeeded (http://ipxe.org/040ee186)")]
    [InlineData("tftp://10.47.0.1/pxelinux.0... Connection timed out (http://ipxe.org/4c126035)")]
    [InlineData("[    1.234567] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)")]
    public void Recognises_failures(string line)
    {
        var milestone = ConsoleMilestones.Recognise(line, BootFixture.Marker);

        Assert.NotNull(milestone);
        Assert.True(milestone.Failed);
    }

    [Theory]
    [InlineData("[    0.020380] ACPI: Early table checksum verification disabled")]
    [InlineData("Booting from ROM...")]
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
