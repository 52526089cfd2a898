using System.Globalization;
using System.Net;
using PxeKit.Core.Events;
using PxeKit.Core.Processes;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Network;
using PxeKit.Lab.Qemu;
using PxeKit.Lab.Tests.Support;
using Xunit.Abstractions;

namespace PxeKit.Lab.Tests.EndToEnd;

/// <summary>
/// The proof that fixtures, lab network and QEMU runner work, independently of PxeKit's own server: a BIOS
/// VM network-boots from dnsmasq (the reference server) in a fresh lab and prints the marker. ~30 s.
/// The UEFI boots are in <c>DnsmasqBootTests.Uefi.cs</c>.
/// </summary>
[Trait("Category", "E2E")]
[Collection(VmCollection.Name)]
public sealed partial class DnsmasqBootTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan BootTimeout = TimeSpan.FromSeconds(150);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("pxekit-e2e-");
    private readonly int _subnet = Random.Shared.Next(100, 200);
    private LabNetwork? _lab;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_lab is not null)
        {
            await _lab.DownAsync();
        }

        _work.Delete(recursive: true);
    }

    [HostFact]
    public async Task A_bios_vm_boots_the_fixture_kernel_from_dnsmasq_and_prints_the_marker()
    {
        RequiredProgram.RequireRoot();
        var dnsmasq = RequiredProgram.Find("dnsmasq");
        RequiredProgram.Find("qemu-system-x86_64");
        RequiredProgram.Find("ip");
        var fixtures = await new FixtureBuilder(new FixtureOptions(), new ProcessCommandRunner()).EnsureAsync();
        var prefix = "pxke" + _subnet.ToString(CultureInfo.InvariantCulture);
        _lab = new LabNetwork(LabNetworkOptions.WithPrefix(prefix, IPAddress.Parse($"10.47.{_subnet}.1")), new ProcessCommandRunner());
        await _lab.UpAsync();

        await using var server = BackgroundProcess.Start(_lab.InNamespace(DnsmasqCommand(dnsmasq, fixtures.Directory)), Path.Combine(_work.FullName, "dnsmasq.log"));
        await server.WaitForOutputAsync("TFTP root is", TimeSpan.FromSeconds(10));
        var journal = new RecordingJournal();
        var options = new QemuOptions
        {
            Namespace = _lab.Options.Namespace,
            Tap = _lab.Options.Tap,
            SerialLogPath = Path.Combine(_work.FullName, "serial.log"),
            Timeout = BootTimeout,
        };

        var result = await new QemuRunner(journal).RunAsync(options);

        output.WriteLine($"{result.Summary}\n{result.Command.ToShell()}");
        foreach (var e in journal.Events)
        {
            output.WriteLine($"{e.Time:HH:mm:ss.fff} {e.Step} {e.Detail}");
        }

        Assert.True(
            result.Succeeded,
            $"{result.Summary}\nlast console lines:\n{string.Join('\n', result.LastLines)}\ndnsmasq:\n{server.Output}");
        Assert.Contains(journal.Events, e => e.Step == BootStep.KernelStarted);
        Assert.Equal(BootStep.Marker, journal.Events[^1].Step);
        Assert.Contains("sent " + Path.Combine(fixtures.Directory, BootFixture.Initrd), server.Output, StringComparison.Ordinal);
    }

    private Command DnsmasqCommand(string dnsmasq, string tftpRoot, params string[] bootOptions)
    {
        var net = $"10.47.{_subnet}";
        string[] boot = bootOptions.Length > 0 ? bootOptions : [$"--dhcp-boot={BootFixture.BootFileName}"];
        string[] arguments =
        [
            "--no-daemon",
            "--conf-file=/dev/null",
            "--port=0",
            $"--interface={_lab!.Options.Bridge}",
            "--bind-interfaces",
            $"--dhcp-range={net}.100,{net}.150,255.255.255.0,1h",
            "--enable-tftp",
            $"--tftp-root={tftpRoot}",
            .. boot,
            "--log-dhcp",
            $"--pid-file={Path.Combine(_work.FullName, "dnsmasq.pid")}",
            $"--dhcp-leasefile={Path.Combine(_work.FullName, "dnsmasq.leases")}",
        ];
        return new Command(dnsmasq, arguments);
    }
}
