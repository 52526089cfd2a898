using PxeKit.Core.Events;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Qemu;
using PxeKit.Lab.Tests.Support;

namespace PxeKit.Lab.Tests.Qemu;

/// <summary>
/// Whole serial logs of real UEFI boots (QEMU 7.2, q35, Debian 12's OVMF, iPXE 1.0.0+git-20190125, Linux 6.1)
/// against dnsmasq 2.90, captured with the lab's UEFI command line.
/// </summary>
public sealed class UefiConsoleWatcherTests
{
    [Fact]
    public async Task Edk2_pxe_then_ipxe_efi_then_the_kernel()
    {
        // virtio-net-pci with romfile= : edk2's own PXE client fetches ipxe.efi over TFTP, iPXE fetches boot.ipxe.
        var events = await WatchAsync("uefi-edk2-pxe-ipxe-serial.log");

        Assert.Equal(
            [
                "UEFI PXE over IPv4 started",
                "UEFI network boot configured 10.47.77.111",
                "UEFI PXE was offered boot file ipxe.efi",
                "UEFI PXE downloading the boot file",
                "UEFI PXE downloaded the boot file",
                "UEFI loading Boot0001 \"UEFI PXEv4 (MAC:525400123456)\"",
                "UEFI starting Boot0001 \"UEFI PXEv4 (MAC:525400123456)\"",
                "iPXE initialised its devices",
                "iPXE 1.0.0+git-20190125.36a4c85-5.1 running",
                "iPXE opened net0 (SNP on SNP-0000:00:02.0)",
                "iPXE DHCP on net0: ok",
                "iPXE configured 10.47.77.111/255.255.255.0",
                "iPXE was offered boot file boot.ipxe",
                "iPXE downloaded tftp://10.47.77.1/boot.ipxe",
                "iPXE runs boot.ipxe (script, 84 bytes)",
                "iPXE downloaded vmlinuz",
                "iPXE downloaded initrd.gz",
                "Linux EFI stub: Loaded initrd from command line option",
                "Linux 6.1.0-56-amd64 started",
                "marker seen: PXEKIT-MARKER: the kernel booted from PxeKit",
            ],
            events.Select(e => e.Detail));
        Assert.DoesNotContain(events, e => e.Step == BootStep.ConsoleError);
        Assert.All(events.Skip(5), e => Assert.Equal("52:54:00:12:34:56", e.Mac));
        Assert.All(events.Skip(1), e => Assert.Equal("10.47.77.111", e.Address));
    }

    [Fact]
    public async Task Uefi_http_boot_then_ipxe_efi_over_http()
    {
        // HttpBootOnly: edk2's HTTP Boot client fetches http://10.47.77.1:8080/ipxe.efi, iPXE fetches boot.ipxe over HTTP.
        var events = await WatchAsync("uefi-http-boot-ipxe-serial.log");

        Assert.Equal(
            [
                "UEFI HTTP Boot over IPv4 started",
                "UEFI network boot configured 10.47.77.111",
                "UEFI HTTP Boot fetching http://10.47.77.1:8080/ipxe.efi",
                "UEFI HTTP Boot downloaded the boot file",
                "UEFI starting Boot0001 \"UEFI HTTPv4 (MAC:525400123456)\"",
            ],
            events.Take(5).Select(e => e.Detail));
        Assert.Contains(events, e => e.Detail == "iPXE downloaded http://10.47.77.1:8080/boot.ipxe");
        Assert.Equal(BootStep.Marker, events[^1].Step);
    }

    [Fact]
    public async Task Ipxe_efi_option_rom_boots_without_edk2_pxe()
    {
        // e1000: QEMU's efi-e1000.rom is iPXE, so the first DHCP request already says iPXE.
        var events = await WatchAsync("uefi-ipxe-rom-serial.log");

        Assert.Equal("iPXE 1.0.0+git-20190125.36a4c85-5.1 running", events[0].Detail);
        Assert.Contains(events, e => e.Detail == "iPXE opened net0 (82540em on 0000:00:02.0)");
        Assert.DoesNotContain(events, e => e.Detail.StartsWith("UEFI PXE", StringComparison.Ordinal));
        Assert.Equal(BootStep.Marker, events[^1].Step);
    }

    [Fact]
    public async Task Http_boot_over_ipv6_that_gives_up_at_once_is_named_from_the_console()
    {
        // Debian 12's OVMF with HTTP Boot over IPv6 first and no wait: it fails before its link-local address is ready
        // (docs/lab.md), and boots its shell next.
        var events = await WatchAsync("uefi-http-boot-ipv6-not-ready-serial.log", WatchOutcome.VmExited);

        var start = Assert.Single(events, e => e.NetworkBoot is not null);
        Assert.Equal(new NetworkBootFacts { Client = NetworkBootClient.HttpBoot, Family = IpFamily.Ipv6 }, start.NetworkBoot);
        Assert.Equal(
            [ConsoleFailure.NetworkBootFailed, ConsoleFailure.NetworkBootFailed, ConsoleFailure.ProgramNotStarted],
            events.Where(e => e.Step == BootStep.ConsoleError).Select(e => e.ConsoleFailure!.Value));

        var verdict = Assert.Single(Diagnostics.Engine.DiagnosisEngine.Replay(events));
        Assert.Equal((Core.Verdicts.FaultId.HttpBootIpv6NotReady, "52:54:00:12:34:56"), (verdict.Fault, verdict.Client));
    }

    private static async Task<IReadOnlyList<BootEvent>> WatchAsync(string log, WatchOutcome expected = WatchOutcome.MarkerSeen)
    {
        var journal = new RecordingJournal();
        var exited = expected == WatchOutcome.VmExited ? Task.CompletedTask : new TaskCompletionSource().Task;
        var result = await new ConsoleWatcher(journal).WatchAsync(TestData.PathOf(log), BootFixture.Marker, exited, TimeSpan.FromSeconds(30));
        Assert.Equal(expected, result.Outcome);
        return journal.Events;
    }
}
