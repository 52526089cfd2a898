using System.Globalization;
using System.Net;
using PxeKit.Core.Events;
using PxeKit.Core.Processes;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Network;
using PxeKit.Lab.Qemu;
using PxeKit.Lab.Tests.Support;

namespace PxeKit.Lab.Tests.EndToEnd;

/// <summary>
/// UEFI x64 (OVMF) boots from dnsmasq: edk2's own PXE client fetches ipxe.efi over TFTP, iPXE asks DHCP
/// again (now with option 175, so dnsmasq offers boot.ipxe) and fetches script, kernel and initrd. ~35 s.
/// </summary>
public sealed partial class DnsmasqBootTests
{
    private static readonly TimeSpan UefiBootTimeout = TimeSpan.FromSeconds(180);
    private const int HttpPort = 8080;

    [HostFact]
    public async Task A_uefi_vm_boots_through_edk2_pxe_and_ipxe_efi_from_dnsmasq_and_prints_the_marker()
    {
        var (dnsmasq, fixtures) = await PrepareUefiAsync();
        await using var server = BackgroundProcess.Start(
            _lab!.InNamespace(DnsmasqCommand(dnsmasq, fixtures.Directory, UefiPxeBootOptions())),
            Path.Combine(_work.FullName, "dnsmasq.log"));
        await server.WaitForOutputAsync("TFTP root is", TimeSpan.FromSeconds(10));

        var (result, journal) = await BootUefiAsync(httpBootOnly: false);

        Assert.True(result.Succeeded, Explain(result, server));
        Assert.Contains(journal.Events, e => e.Detail == "UEFI PXE downloaded the boot file");
        Assert.Contains(journal.Events, e => e.Step == BootStep.KernelStarted);
        Assert.Equal(BootStep.Marker, journal.Events[^1].Step);
        Assert.Contains("PXEClient:Arch:00007", server.Output, StringComparison.Ordinal); // edk2's own PXE client asked first
        Assert.Contains("sent " + Path.Combine(fixtures.Directory, BootFixture.IpxeEfi), server.Output, StringComparison.Ordinal);
        Assert.Contains("sent " + Path.Combine(fixtures.Directory, BootFixture.Initrd), server.Output, StringComparison.Ordinal);
    }

    [HostFact]
    public async Task A_uefi_vm_boots_through_uefi_http_boot_with_dnsmasq_and_busybox_httpd()
    {
        var (dnsmasq, fixtures) = await PrepareUefiAsync();
        var busybox = RequiredProgram.Find("busybox");
        var address = _lab!.Options.BridgeAddress;
        await using var http = BackgroundProcess.Start(
            _lab.InNamespace(new Command(busybox, "httpd", "-f", "-p", HttpPort.ToString(CultureInfo.InvariantCulture), "-h", fixtures.Directory)),
            Path.Combine(_work.FullName, "httpd.log"));
        string[] boot =
        [
            "--dhcp-match=set:ipxe,175",
            "--dhcp-match=set:http,option:vendor-class,HTTPClient",
            // UEFI HTTP Boot accepts the offer only if it echoes option 60 HTTPClient and carries a URL.
            $"--dhcp-boot=tag:http,tag:!ipxe,http://{address}:{HttpPort}/{BootFixture.IpxeEfi}",
            "--dhcp-option-force=tag:http,60,HTTPClient",
            $"--dhcp-boot=tag:ipxe,http://{address}:{HttpPort}/{BootFixture.IpxeScript}",
        ];
        await using var server = BackgroundProcess.Start(
            _lab.InNamespace(DnsmasqCommand(dnsmasq, fixtures.Directory, boot)),
            Path.Combine(_work.FullName, "dnsmasq.log"));
        await server.WaitForOutputAsync("TFTP root is", TimeSpan.FromSeconds(10));

        var (result, journal) = await BootUefiAsync(httpBootOnly: true);

        Assert.True(result.Succeeded, Explain(result, server) + "\nhttpd:\n" + http.Output);
        Assert.Contains(journal.Events, e => e.Detail == "UEFI HTTP Boot downloaded the boot file");
        Assert.DoesNotContain(journal.Events, e => e.Detail.StartsWith("UEFI PXE", StringComparison.Ordinal));
        Assert.Contains("HTTPClient:Arch:00016", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("dnsmasq-tftp: sent", server.Output, StringComparison.Ordinal); // nothing over TFTP
        Assert.Contains(journal.Events, e => e.Detail == $"iPXE downloaded http://{address}:{HttpPort}/{BootFixture.IpxeScript}");
    }

    private async Task<(string Dnsmasq, FixtureSet Fixtures)> PrepareUefiAsync()
    {
        RequiredProgram.RequireRoot();
        var dnsmasq = RequiredProgram.Find("dnsmasq");
        RequiredProgram.Find("qemu-system-x86_64");
        RequiredProgram.Find("ip");
        Assert.True(File.Exists(new QemuOptions().OvmfCodePath), "OVMF is missing: run scripts/install-deps.sh (package ovmf).");
        var fixtures = await new FixtureBuilder(new FixtureOptions(), new ProcessCommandRunner()).EnsureAsync();
        var prefix = "pxku" + _subnet.ToString(CultureInfo.InvariantCulture);
        _lab = new LabNetwork(LabNetworkOptions.WithPrefix(prefix, IPAddress.Parse($"10.47.{_subnet}.1")), new ProcessCommandRunner());
        await _lab.UpAsync();
        return (dnsmasq, fixtures);
    }

    private static string[] UefiPxeBootOptions() =>
    [
        "--dhcp-match=set:efi64,option:client-arch,7",
        "--dhcp-match=set:ipxe,175",
        $"--dhcp-boot=tag:efi64,tag:!ipxe,{BootFixture.UefiBootFileName}",
        $"--dhcp-boot=tag:ipxe,{BootFixture.IpxeScript}",
    ];

    private async Task<(BootResult Result, RecordingJournal Journal)> BootUefiAsync(bool httpBootOnly)
    {
        var journal = new RecordingJournal();
        var options = new QemuOptions
        {
            Firmware = QemuFirmware.Uefi,
            Nic = QemuOptions.VirtioNet,
            NicOptionRom = false, // edk2's own network boot, not QEMU's iPXE ROM
            HttpBootOnly = httpBootOnly,
            Namespace = _lab!.Options.Namespace,
            Tap = _lab.Options.Tap,
            SerialLogPath = Path.Combine(_work.FullName, "serial.log"),
            Timeout = UefiBootTimeout,
        };

        var result = await new QemuRunner(journal).RunAsync(options);

        output.WriteLine($"{result.Summary}\n{result.Command.ToShell()}");
        foreach (var e in journal.Events)
        {
            output.WriteLine($"{e.Time:HH:mm:ss.fff} {e.Step} {e.Detail}");
        }

        var vars = result.Command.Arguments.Single(a => a.StartsWith("if=pflash,format=raw,unit=1,", StringComparison.Ordinal)).Split("file=")[1];
        Assert.False(Directory.Exists(Path.GetDirectoryName(vars)), "the run's copy of the UEFI variable store was not deleted");
        return (result, journal);
    }

    private static string Explain(BootResult result, BackgroundProcess server) =>
        $"{result.Summary}\nlast console lines:\n{string.Join('\n', result.LastLines)}\ndnsmasq:\n{server.Output}";
}
