using PxeKit.Core.Events;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Qemu;
using PxeKit.Lab.Tests.Support;

namespace PxeKit.Lab.Tests.Qemu;

/// <summary>
/// Whole serial logs of real arm64 boots (QEMU 7.2 virt, Cortex-A57, Debian 12's QEMU_EFI.fd, GRUB 2.06 made by
/// grub-mkimage, Linux 6.1 arm64) against dnsmasq 2.90, captured with the lab's arm64 command line.
/// </summary>
public sealed class Arm64ConsoleWatcherTests
{
    [Fact]
    public async Task Edk2_pxe_then_grub_over_tftp_then_the_kernel()
    {
        var journal = new RecordingJournal();

        var result = await new ConsoleWatcher(journal).WatchAsync(
            TestData.PathOf("arm64-edk2-pxe-grub-serial.log"), BootFixture.Marker, new TaskCompletionSource().Task, TimeSpan.FromSeconds(30));

        Assert.Equal(WatchOutcome.MarkerSeen, result.Outcome);
        Assert.Equal(
            [
                "UEFI firmware started",
                "UEFI PXE over IPv4 started",
                "UEFI network boot configured 10.47.77.111",
                "UEFI PXE was offered boot file grubaa64.efi",
                "UEFI PXE downloading the boot file",
                "UEFI PXE downloaded the boot file",
                "UEFI loading Boot0001 \"UEFI PXEv4 (MAC:525400123456)\"",
                "UEFI starting Boot0001 \"UEFI PXEv4 (MAC:525400123456)\"",
                "GRUB started",
                "GRUB loading the kernel and initrd from (tftp,10.47.77.1)",
                "Linux EFI stub: Booting Linux Kernel...",
                "Linux EFI stub: EFI_RNG_PROTOCOL unavailable",
                "Linux EFI stub: Using DTB from configuration table",
                "Linux EFI stub: Exiting boot services...",
                "Linux 6.1.0-56-arm64 started",
                "marker seen: PXEKIT-MARKER: the kernel booted from PxeKit",
            ],
            journal.Events.Select(e => e.Detail));
        Assert.DoesNotContain(journal.Events, e => e.Step == BootStep.ConsoleError);
        Assert.All(journal.Events.Skip(6), e => Assert.Equal("52:54:00:12:34:56", e.Mac));
    }

    [Fact]
    public async Task A_tree_without_the_kernel_ends_in_grub_errors_and_a_reboot_not_at_the_prompt()
    {
        // The TFTP root had grubaa64.efi, grub/grub.cfg and initrd.gz but no vmlinuz: GRUB reports dnsmasq's error
        // text, the configuration reboots, and -no-reboot ended the VM after ~10 s.
        var journal = new RecordingJournal();

        var result = await new ConsoleWatcher(journal).WatchAsync(
            TestData.PathOf("arm64-grub-missing-kernel-serial.log"), BootFixture.Marker, Task.CompletedTask, TimeSpan.FromSeconds(30));

        Assert.Equal(WatchOutcome.VmExited, result.Outcome);
        Assert.Equal(
            [
                "GRUB: file /tmp/a64x/bad/vmlinuz not found for 10.47.77.111.",
                "GRUB: you need to load the kernel first.",
                "GRUB: you need to load the kernel first.",
                "GRUB could not start the kernel and reboots",
            ],
            journal.Events.Where(e => e.Step == BootStep.ConsoleError).Select(e => e.Detail));
    }
}
