using System.Net;
using PxeKit.Cli.Tests.Trace;
using PxeKit.Core.Events;
using PxeKit.Core.Processes;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Network;
using PxeKit.Lab.Qemu;

namespace PxeKit.Cli.Tests.EndToEnd;

/// <summary>
/// The story's Raspberry Pi: the linux-arm64 Native AOT <c>pxekit serve</c>, run by qemu-user in a lab namespace,
/// serves a SeaBIOS + iPXE VM that boots to the marker. The client is the usual x86 BIOS VM: what is proven is the
/// arm64 server, with its native pieces: the lease store (the arm64 libe_sqlite3.so published beside the binary) and
/// libpcap (Debian's arm64 libpcap0.8, loaded at run time), the latter through <c>trace --read</c>, since live capture
/// cannot start under qemu-user (it does not emulate the SIOCETHTOOL ioctl libpcap activates an interface with: serve
/// warns and serves without its capture, as it does wherever capture is unavailable).
/// </summary>
[Collection(QemuCollection.Name)]
[Trait("Category", "E2E")]
public sealed class Arm64ServeBootsQemuTests : IAsyncLifetime
{
    private static readonly TimeSpan QemuUserLimit = TimeSpan.FromMinutes(2);
    private readonly LabNetwork _lab = new(
        LabNetworkOptions.WithPrefix($"pxa64{Random.Shared.Next(1000, 9999)}", IPAddress.Parse("10.53.0.1")), new ProcessCommandRunner());
    private readonly string _work = Directory.CreateTempSubdirectory("pxekit-arm64-").FullName;

    public Task InitializeAsync() => _lab.UpAsync();

    public async Task DisposeAsync()
    {
        await _lab.DownAsync();
        Directory.Delete(_work, recursive: true);
    }

    [HostFact(Programs = ["qemu-aarch64-static", "qemu-system-x86_64", "aarch64-linux-gnu-gcc", "clang"])]
    public async Task A_bios_vm_boots_to_the_marker_from_the_arm64_pxekit_serve_under_qemu_user()
    {
        var fixtures = await new FixtureBuilder(new FixtureOptions(), new ProcessCommandRunner()).EnsureAsync();
        var program = await Arm64Pxekit.ProgramAsync();

        // ServeProcess passes --user root, and here it must: serve started as root becomes another user by
        // re-executing /proc/self/exe, which under qemu-user is qemu-aarch64-static, not the arm64 pxekit.
        await using var serve = await ServeProcess.StartProgramAsync(_lab.Options.Namespace, program,
            "--interface", _lab.Options.Bridge, "--root", fixtures.Directory, "--bootfile", BootFixture.BootFileName,
            "--dhcp-range", "10.53.0.100-10.53.0.120", "--lease-db", Path.Combine(_work, "leases.db"));
        Assert.Contains("qemu-aarch64", new FileInfo($"/proc/{serve.Id}/exe").LinkTarget, StringComparison.Ordinal);

        var result = await new QemuRunner(new NullJournal()).RunAsync(new QemuOptions
        {
            Namespace = _lab.Options.Namespace,
            Tap = _lab.Options.Tap,
            SerialLogPath = Path.Combine(_work, "serial.log"),
            Timeout = TimeSpan.FromSeconds(180),
        });

        var events = serve.Events;
        Assert.True(result.Succeeded, $"{result.Summary}\n{string.Join('\n', result.LastLines)}\n--- serve:\n{serve.Output}{serve.Error}");
        Assert.Contains(BootFixture.Marker, await File.ReadAllTextAsync(result.SerialLogPath), StringComparison.Ordinal);
        Assert.Contains(events, e => e.Step == BootStep.DhcpAck);
        Assert.Contains(events, e => e.Step == BootStep.TftpComplete && e.File == BootFixture.Kernel);
        Assert.Contains(events, e => e.Step == BootStep.TftpComplete && e.File == BootFixture.Initrd);

        var leases = await Sh.RunAsync(program[0], [.. program.Skip(1), "leases", "list", "--db", Path.Combine(_work, "leases.db")], QemuUserLimit);
        Assert.True(leases.ExitCode == 0, leases.All);
        Assert.Contains("52:54:00:12:34:56", leases.Output, StringComparison.Ordinal);
    }

    [HostFact(Programs = ["qemu-aarch64-static", "aarch64-linux-gnu-gcc", "clang"])]
    public async Task The_arm64_pxekit_reads_a_capture_with_debians_arm64_libpcap_as_the_x64_build_does()
    {
        var program = await Arm64Pxekit.ProgramAsync();
        var capture = TraceCaptures.PathOf("bios-dnsmasq-qemu.pcap");

        var trace = await Sh.RunAsync(program[0], [.. program.Skip(1), "trace", "--read", capture], QemuUserLimit);

        Assert.True(trace.ExitCode == 0, trace.All);
        var timeline = trace.Output.Replace(TraceCaptures.Directory + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllTextAsync(TraceCaptures.PathOf("bios-dnsmasq-qemu.timeline.txt")), timeline);
    }
}
