using PxeKit.Core.Events;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Qemu;
using PxeKit.Lab.Tests.Support;

namespace PxeKit.Lab.Tests.Qemu;

/// <summary>The whole serial log of a real BIOS boot (QEMU 7.2, SeaBIOS, iPXE, PXELINUX, Linux 6.1) against dnsmasq.</summary>
public sealed class ConsoleWatcherTests
{
    private static readonly string RealLog = TestData.PathOf("bios-ipxe-pxelinux-serial.log");

    [Fact]
    public async Task A_real_boot_log_yields_the_milestones_in_order_and_stops_at_the_marker()
    {
        var journal = new RecordingJournal();
        var watcher = new ConsoleWatcher(journal, lastLineCount: 5);

        var result = await watcher.WatchAsync(RealLog, BootFixture.Marker, new TaskCompletionSource().Task, TimeSpan.FromSeconds(30));

        Assert.Equal(WatchOutcome.MarkerSeen, result.Outcome);
        Assert.Equal(
            [
                "SeaBIOS 1.16.2-debian-1.16.2-1 started",
                "iPXE option ROM started (PCI 00:03.0)",
                "iPXE initialised its devices",
                "iPXE 1.0.0+git-20190125.36a4c85-5.1 running",
                "iPXE opened net0 (82540em on 0000:00:03.0)",
                "iPXE DHCP on net0: ok",
                "iPXE configured 10.47.9.111/255.255.255.0",
                "iPXE was offered boot file pxelinux.0",
                "iPXE downloaded tftp://10.47.9.1/pxelinux.0",
                "iPXE runs pxelinux.0 (PXE-NBP, 42430 bytes)",
                "PXELINUX 6.04 started",
                "PXELINUX loading vmlinuz",
                "PXELINUX loading initrd.gz",
                "Linux 6.1.0-56-amd64 started",
                "marker seen: PXEKIT-MARKER: the kernel booted from PxeKit",
            ],
            journal.Events.Select(e => e.Detail));
        Assert.Equal(BootStep.KernelStarted, journal.Events[^2].Step);
        Assert.Equal(BootStep.Marker, journal.Events[^1].Step);
        Assert.All(journal.Events.Skip(4), e => Assert.Equal("52:54:00:12:34:56", e.Mac));
        Assert.Equal(5, result.LastLines.Count);
        Assert.Equal(BootFixture.Marker, result.LastLines[^1]);
    }

    [Fact]
    public async Task A_vm_that_ends_without_the_marker_is_reported_with_its_last_lines()
    {
        var log = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(log, "SeaBIOS (version 1.16.2)\r\nConfiguring (net0 52:54:00:12:34:56)... No configuration methods succeeded\r\n");
            var journal = new RecordingJournal();

            var result = await new ConsoleWatcher(journal).WatchAsync(log, BootFixture.Marker, Task.CompletedTask, TimeSpan.FromSeconds(30));

            Assert.Equal(WatchOutcome.VmExited, result.Outcome);
            Assert.True(result.Milestones[^1].Failed);
            Assert.Equal(2, result.LastLines.Count);
        }
        finally
        {
            File.Delete(log);
        }
    }

    [Fact]
    public async Task A_console_that_never_shows_the_marker_times_out()
    {
        var result = await new ConsoleWatcher(new RecordingJournal())
            .WatchAsync("/nonexistent/serial.log", BootFixture.Marker, new TaskCompletionSource().Task, TimeSpan.FromMilliseconds(300));

        Assert.Equal(WatchOutcome.TimedOut, result.Outcome);
        Assert.Empty(result.LastLines);
    }

    [Fact]
    public async Task Seabios_with_nothing_left_to_boot_ends_the_watch_at_once_unless_that_is_the_marker()
    {
        var log = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(log, "Configuring (net0 52:54:00:12:34:56)...... No configuration methods succeeded\nBooting from Hard Disk...\nNo bootable device.\n");
            var running = new TaskCompletionSource().Task;

            var gaveUp = await new ConsoleWatcher(new RecordingJournal()).WatchAsync(log, BootFixture.Marker, running, TimeSpan.FromSeconds(30));
            var expected = await new ConsoleWatcher(new RecordingJournal()).WatchAsync(log, "No bootable device", running, TimeSpan.FromSeconds(30));

            Assert.Equal(WatchOutcome.FirmwareGaveUp, gaveUp.Outcome);
            Assert.True(gaveUp.Elapsed < TimeSpan.FromSeconds(30));
            Assert.Equal(WatchOutcome.MarkerSeen, expected.Outcome);
        }
        finally
        {
            File.Delete(log);
        }
    }
}
