using PxeKit.Cli.Tests.Support;
using PxeKit.Core.Events;
using PxeKit.Core.Processes;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Qemu;
using Xunit.Abstractions;

namespace PxeKit.Cli.Tests.EndToEnd;

/// <summary>
/// <c>router-advertisements: quiet</c> on a segment without a router: iPXE's IPv6 router solicitations are answered by
/// <c>pxekit serve</c>, so iPXE ends its IPv6 configuration at once, and the VM still boots to the marker (BIOS, and UEFI
/// with QEMU's iPXE ROM). The boot times, with and without, are in docs/lab.md; this proves the answer and the boot.
/// </summary>
[Collection(QemuCollection.Name)]
[Trait("Category", "E2E")]
public sealed class RouterSolicitationBootTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Ns = "pxkt-e2e-ra";
    private const string Bridge = "pxkte2erabr";
    private const string Tap = "pxkte2eratap";
    private const string Mac = "52:54:00:12:34:56";
    private readonly string _work = Directory.CreateTempSubdirectory("pxekit-e2e-ra-").FullName;

    public async Task InitializeAsync()
    {
        await TapBridge.CreateAsync(Ns, Bridge, Tap, "10.49.7.1/24");
    }

    public async Task DisposeAsync()
    {
        await Sh.RunAsync("ip", "netns", "del", Ns);
        Directory.Delete(_work, recursive: true);
    }

    [HostFact]
    public Task A_bios_ipxe_gets_its_router_solicitation_answered_and_boots() => BootsWithAnsweredSolicitationAsync(QemuFirmware.Bios);

    [HostFact]
    public Task A_uefi_ipxe_gets_its_router_solicitation_answered_and_boots() => BootsWithAnsweredSolicitationAsync(QemuFirmware.Uefi);

    private async Task BootsWithAnsweredSolicitationAsync(QemuFirmware firmware)
    {
        var fixtures = await new FixtureBuilder(new FixtureOptions(), new ProcessCommandRunner()).EnsureAsync();
        var config = Path.Combine(_work, "pxekit.yaml");
        await File.WriteAllTextAsync(config, $"""
            router-advertisements: quiet
            profiles:
              - name: lab-linux
                kernel: {BootFixture.Kernel}
                initrd: [{BootFixture.Initrd}]
                cmdline: {BootFixture.KernelCommandLine}
            """);
        await using var serve = await ServeProcess.StartAsync(Ns,
            "--interface", Bridge, "--root", fixtures.Directory, "--config", config,
            "--dhcp-range", "10.49.7.100-10.49.7.120", "--lease-db", Path.Combine(_work, "leases.db"));

        var result = await new QemuRunner(new NullJournal()).RunAsync(new QemuOptions
        {
            Firmware = firmware,
            Namespace = Ns,
            Tap = Tap,
            MacAddress = Mac,
            SerialLogPath = Path.Combine(_work, $"{firmware}.log"),
            Timeout = TimeSpan.FromSeconds(180),
        });

        output.WriteLine($"{firmware}: {result.Summary}");
        Assert.True(result.Succeeded, $"{result.Summary}\n{string.Join('\n', result.LastLines)}\n--- serve:\n{serve.Output}{serve.Error}");
        Assert.Contains(serve.Events, e => e.Step == BootStep.RouterSolicitationAnswered && e.Mac == Mac);
        var answered = serve.Events.First(e => e.Step == BootStep.RouterSolicitationAnswered && e.Mac == Mac);
        Assert.StartsWith("fe80:", answered.Address, StringComparison.Ordinal);
    }
}
