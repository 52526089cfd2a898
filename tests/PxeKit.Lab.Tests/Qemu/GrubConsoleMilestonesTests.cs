using PxeKit.Core.Events;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Qemu;

namespace PxeKit.Lab.Tests.Qemu;

/// <summary>Lines as Debian 12's edk2 for arm64 and GRUB 2.06 (grub-mkimage -O arm64-efi) printed them on ttyAMA0.</summary>
public sealed class GrubConsoleMilestonesTests
{
    [Theory]
    [InlineData("UEFI firmware (version  built at 13:10:49 on Nov  5 2024)", "UEFI firmware started")]
    [InlineData("UEFI firmware (version edk2-stable202302 built at 13:10:49 on Nov  5 2024)", "UEFI firmware edk2-stable202302 started")]
    [InlineData("Welcome to GRUB!", "GRUB started")]
    [InlineData("PxeKit GRUB: loading vmlinuz and initrd.gz from tftp,10.47.77.1", "GRUB loading the kernel and initrd from (tftp,10.47.77.1)")]
    [InlineData("EFI stub: Booting Linux Kernel...", "Linux EFI stub: Booting Linux Kernel...")]
    [InlineData("PxeKit GRUB: profile lab-secure-boot boots vmlinuz on 52:54:00:12:34:56 from tftp,10.47.0.1", "GRUB: profile lab-secure-boot boots vmlinuz on 52:54:00:12:34:56 from tftp,10.47.0.1")]
    [InlineData("EFI stub: UEFI Secure Boot is enabled.", "Linux EFI stub: UEFI Secure Boot is enabled.")]
    public void Recognises_the_steps_of_an_arm64_boot(string line, string detail)
    {
        var milestone = ConsoleMilestones.Recognise(line, BootFixture.Marker);

        Assert.NotNull(milestone);
        Assert.Equal(BootStep.Firmware, milestone.Step);
        Assert.Equal(detail, milestone.Text);
    }

    [Theory]
    [InlineData("error: file /srv/tftp/vmlinuz not found for 10.47.77.111.", "GRUB: file /srv/tftp/vmlinuz not found for 10.47.77.111.")]
    [InlineData("error: you need to load the kernel first.", "GRUB: you need to load the kernel first.")]
    [InlineData("PxeKit GRUB: the kernel did not start; rebooting", "GRUB could not start the kernel and reboots")]
    [InlineData("   Minimal BASH-like line editing is supported. For the first word, TAB", "GRUB stopped at its command line: it read no grub.cfg, or grub.cfg booted nothing")]
    public void Grub_failures_are_console_errors(string line, string detail)
    {
        var milestone = ConsoleMilestones.Recognise(line, BootFixture.Marker);

        Assert.Equal(new ConsoleMilestone(BootStep.ConsoleError, detail) { Failure = ConsoleFailure.LoaderFailed }, milestone);
    }

    [Theory]
    [InlineData("  Server IP address is 10.47.77.1")]
    [InlineData("[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x411fd070]")]
    [InlineData("GNU GRUB  version 2.06-13+deb12u2")]
    public void Ordinary_arm64_lines_are_not_milestones(string line) =>
        Assert.Null(ConsoleMilestones.Recognise(line, BootFixture.Marker));
}
