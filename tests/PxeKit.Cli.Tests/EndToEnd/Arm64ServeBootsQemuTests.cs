using PxeKit.Core.Events;
using PxeKit.Core.Processes;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Qemu;

namespace PxeKit.Cli.Tests.EndToEnd;

/// <summary>
/// The story's Raspberry Pi: the linux-arm64 Native AOT <c>pxekit serve</c>, run by qemu-user in a lab namespace,
/// serves a SeaBIOS + iPXE VM that boots to the marker. The client is the usual x86 BIOS VM: what is proven is the
/// arm64 server (its DHCP, TFTP, lease store with the arm64 libe_sqlite3.so, and capture with Debian's arm64 libpcap).
/// </summary>
[Collection(QemuCollection.Name)]
[Trait("Category", "E2E")]
public sealed class Arm64ServeBootsQemuTests : IAsyncLifetime
{
    private readonly string _ns = $"pxa64-{Guid.NewGuid():N}"[..14];
    private readonly string _bridge = $"pxa64br{Guid.NewGuid():N}"[..13];
    private readonly string _tap = $"pxa64tp{Guid.NewGuid():N}"[..13];
    private readonly string _work = Directory.CreateTempSubdirectory("pxekit-arm64-").FullName;

    public async Task InitializeAsync()
    {
        await Sh.CheckAsync("ip", "netns", "add", _ns);
        await Sh.CheckAsync("ip", "-n", _ns, "link", "set", "lo", "up");
        await Sh.CheckAsync("ip", "-n", _ns, "link", "add", _bridge, "type", "bridge");
        await Sh.CheckAsync("ip", "-n", _ns, "addr", "add", "10.53.0.1/24", "dev", _bridge);
        await Sh.CheckAsync("ip", "-n", _ns, "link", "set", _bridge, "up");
        await Sh.CheckAsync("ip", "-n", _ns, "tuntap", "add", "dev", _tap, "mode", "tap");
        await Sh.CheckAsync("ip", "-n", _ns, "link", "set", _tap, "master", _bridge);
        await Sh.CheckAsync("ip", "-n", _ns, "link", "set", _tap, "up");
    }

    public async Task DisposeAsync()
    {
        await Sh.RunAsync("ip", "netns", "del", _ns);
        Directory.Delete(_work, recursive: true);
    }

    [HostFact(Programs = ["qemu-aarch64-static", "qemu-system-x86_64", "aarch64-linux-gnu-gcc", "clang"])]
    public async Task A_bios_vm_boots_to_the_marker_from_the_arm64_pxekit_serve_under_qemu_user()
    {
        var fixtures = await new FixtureBuilder(new FixtureOptions(), new ProcessCommandRunner()).EnsureAsync();
        var program = await Arm64Pxekit.ProgramAsync();

        // Started as root: serve keeps running as root here. If serve ever re-executes itself as another user
        // (execve of /proc/self/exe), that exec would run qemu-aarch64-static's own path, not the arm64 binary:
        // keep such a re-exec off in this test (as with a --user root option).
        await using var serve = await ServeProcess.StartProgramAsync(_ns, program,
            "--interface", _bridge, "--root", fixtures.Directory, "--bootfile", BootFixture.BootFileName,
            "--dhcp-range", "10.53.0.100-10.53.0.120", "--lease-db", Path.Combine(_work, "leases.db"));
        Assert.Contains("qemu-aarch64", new FileInfo($"/proc/{serve.Id}/exe").LinkTarget, StringComparison.Ordinal);

        var result = await new QemuRunner(new NullJournal()).RunAsync(new QemuOptions
        {
            Namespace = _ns,
            Tap = _tap,
            SerialLogPath = Path.Combine(_work, "serial.log"),
            Timeout = TimeSpan.FromSeconds(180),
        });

        var events = serve.Events;
        Assert.True(result.Succeeded, $"{result.Summary}\n{string.Join('\n', result.LastLines)}\n--- serve:\n{serve.Output}{serve.Error}");
        Assert.Contains(BootFixture.Marker, await File.ReadAllTextAsync(result.SerialLogPath), StringComparison.Ordinal);
        Assert.Contains(events, e => e.Step == BootStep.DhcpAck);
        Assert.Contains(events, e => e.Step == BootStep.TftpComplete && e.File == BootFixture.Kernel);
        Assert.Contains(events, e => e.Step == BootStep.TftpComplete && e.File == BootFixture.Initrd);
        Assert.Contains(events, e => e.Step == BootStep.WireDhcp);
    }
}
