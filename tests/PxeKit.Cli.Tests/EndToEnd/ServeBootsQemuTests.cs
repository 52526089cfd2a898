using PxeKit.Cli.Tests.Support;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Processes;
using PxeKit.Lab.Qemu;
using PxeKit.Server.Journal;

namespace PxeKit.Cli.Tests.EndToEnd;

/// <summary>
/// The walking skeleton's proof: a namespace, bridge and tap made here by hand, <c>pxekit serve</c>
/// started in it as a user would, and a SeaBIOS + iPXE VM that boots to the marker from it.
/// </summary>
[Collection(QemuCollection.Name)]
[Trait("Category", "E2E")]
public sealed class ServeBootsQemuTests : IAsyncLifetime
{
    private const string Ns = "pxkt-e2e-serve";
    private const string Bridge = "pxkte2ebr";
    private const string Tap = "pxkte2etap";
    private readonly string _work = Directory.CreateTempSubdirectory("pxekit-e2e-").FullName;

    public async Task InitializeAsync()
    {
        await Sh.RunAsync("ip", "netns", "del", Ns);
        await Sh.CheckAsync("ip", "netns", "add", Ns);
        await Sh.CheckAsync("ip", "-n", Ns, "link", "set", "lo", "up");
        await Sh.CheckAsync("ip", "-n", Ns, "link", "add", Bridge, "type", "bridge");
        await Sh.CheckAsync("ip", "-n", Ns, "addr", "add", "10.49.0.1/24", "dev", Bridge);
        await Sh.CheckAsync("ip", "-n", Ns, "link", "set", Bridge, "up");
        await Sh.CheckAsync("ip", "-n", Ns, "tuntap", "add", "dev", Tap, "mode", "tap");
        await Sh.CheckAsync("ip", "-n", Ns, "link", "set", Tap, "master", Bridge);
        await Sh.CheckAsync("ip", "-n", Ns, "link", "set", Tap, "up");
    }

    public async Task DisposeAsync()
    {
        await Sh.RunAsync("ip", "netns", "del", Ns);
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task A_bios_vm_boots_to_the_marker_from_pxekit_serve()
    {
        var fixtures = await new FixtureBuilder(new FixtureOptions(), new ProcessCommandRunner()).EnsureAsync();
        await using var serve = await ServeProcess.StartAsync(Ns,
            "--interface", Bridge, "--root", fixtures.Directory, "--bootfile", BootFixture.BootFileName,
            "--dhcp-range", "10.49.0.100-10.49.0.120", "--lease-db", Path.Combine(_work, "leases.db"));

        var result = await new QemuRunner(new NullJournal()).RunAsync(new QemuOptions
        {
            Namespace = Ns,
            Tap = Tap,
            SerialLogPath = Path.Combine(_work, "serial.log"),
            Timeout = TimeSpan.FromSeconds(150),
        });

        Assert.True(result.Succeeded, $"{result.Summary}\n{string.Join('\n', result.LastLines)}\n--- serve:\n{serve.Output}{serve.Error}");
        Assert.Contains("dhcp-ack", serve.Output, StringComparison.Ordinal);
        Assert.Contains("tftp-complete   vmlinuz", serve.Output, StringComparison.Ordinal);
        Assert.Contains("tftp-complete   initrd.gz", serve.Output, StringComparison.Ordinal);
        Assert.Contains(BootFixture.Marker, await File.ReadAllTextAsync(result.SerialLogPath), StringComparison.Ordinal);
    }

    private sealed class NullJournal : IBootJournal
    {
        public void Record(BootEvent bootEvent)
        {
        }
    }
}
