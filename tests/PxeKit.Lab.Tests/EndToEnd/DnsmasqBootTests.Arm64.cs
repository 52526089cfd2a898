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
/// arm64 UEFI boots from dnsmasq: edk2's PXE client (option 93 = 11) fetches grubaa64.efi over TFTP, GRUB
/// reads grub/grub.cfg from the same server and fetches the kernel and initrd over TFTP. ~15-20 s.
/// </summary>
public sealed partial class DnsmasqBootTests
{
    private static readonly TimeSpan Arm64BootTimeout = TimeSpan.FromSeconds(240);

    [HostFact]
    public async Task An_arm64_uefi_vm_boots_through_grub_from_dnsmasq_and_prints_the_marker()
    {
        RequiredProgram.RequireRoot();
        var dnsmasq = RequiredProgram.Find("dnsmasq");
        RequiredProgram.Find(QemuOptions.Arm64Emulator);
        RequiredProgram.Find("ip");
        var options = new QemuOptions { Firmware = QemuFirmware.UefiArm64, Nic = QemuOptions.VirtioNet, NicOptionRom = false };
        Assert.True(File.Exists(options.Arm64FirmwarePath), "edk2 for arm64 is missing: run scripts/install-deps.sh (package qemu-efi-aarch64).");
        var fixtures = await new Arm64FixtureBuilder(new FixtureOptions(), new ProcessCommandRunner(), new TestOutputWriter(output)).EnsureAsync();
        var prefix = "pxka" + _subnet.ToString(CultureInfo.InvariantCulture);
        _lab = new LabNetwork(LabNetworkOptions.WithPrefix(prefix, IPAddress.Parse($"10.47.{_subnet}.1")), new ProcessCommandRunner());
        await _lab.UpAsync();
        string[] boot =
        [
            $"--dhcp-match=set:arm64,option:client-arch,{Arm64BootFixture.ClientArchitecture}",
            $"--dhcp-boot=tag:arm64,{Arm64BootFixture.BootFileName}",
        ];
        await using var server = BackgroundProcess.Start(
            _lab.InNamespace(DnsmasqCommand(dnsmasq, fixtures.Directory, boot)),
            Path.Combine(_work.FullName, "dnsmasq.log"));
        await server.WaitForOutputAsync("TFTP root is", TimeSpan.FromSeconds(10));
        var journal = new RecordingJournal();

        var result = await new QemuRunner(journal).RunAsync(options with
        {
            Namespace = _lab.Options.Namespace,
            Tap = _lab.Options.Tap,
            SerialLogPath = Path.Combine(_work.FullName, "serial.log"),
            Timeout = Arm64BootTimeout,
        });

        output.WriteLine($"{result.Summary}\n{result.Command.ToShell()}");
        foreach (var e in journal.Events)
        {
            output.WriteLine($"{e.Time:HH:mm:ss.fff} {e.Step} {e.Detail}");
        }

        Assert.True(result.Succeeded, Explain(result, server));
        Assert.Equal(QemuOptions.Arm64Emulator, result.Command.Arguments[3]); // ip netns exec NS qemu-system-aarch64
        Assert.Contains("PXEClient:Arch:00011", server.Output, StringComparison.Ordinal);
        Assert.Contains("sent " + fixtures.GrubImagePath, server.Output, StringComparison.Ordinal);
        Assert.Contains("sent " + Path.Combine(fixtures.Directory, Arm64BootFixture.GrubConfig), server.Output, StringComparison.Ordinal);
        Assert.Contains("sent " + Path.Combine(fixtures.Directory, Arm64BootFixture.Initrd), server.Output, StringComparison.Ordinal);
        Assert.Contains(journal.Events, e => e.Detail == "UEFI PXE downloaded the boot file");
        Assert.Contains(journal.Events, e => e.Detail == "GRUB started");
        Assert.Contains(journal.Events, e => e.Step == BootStep.KernelStarted && e.Detail.EndsWith("-arm64 started", StringComparison.Ordinal));
        Assert.DoesNotContain(journal.Events, e => e.Step == BootStep.ConsoleError);
        Assert.Equal(BootStep.Marker, journal.Events[^1].Step);
    }
}
