using PxeKit.Cli.Tests.Support;
using PxeKit.Core.Processes;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Qemu;

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
        await TapBridge.CreateAsync(Ns, Bridge, Tap, "10.49.0.1/24");
    }

    public async Task DisposeAsync()
    {
        await Sh.RunAsync("ip", "netns", "del", Ns);
        Directory.Delete(_work, recursive: true);
    }

    [HostFact]
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

    [HostFact]
    public async Task A_boot_once_profile_boots_the_installer_once_then_the_machine_goes_to_its_local_disk_even_after_a_restart()
    {
        var fixtures = await new FixtureBuilder(new FixtureOptions(), new ProcessCommandRunner()).EnsureAsync();
        var config = Path.Combine(_work, "pxekit.yaml");
        await File.WriteAllTextAsync(config, $"""
            profiles:
              - name: install
                once: true
                kernel: {BootFixture.Kernel}
                initrd: [{BootFixture.Initrd}]
                cmdline: {BootFixture.KernelCommandLine}
              - name: disk
                local: true
            """);
        string[] arguments = ["--interface", Bridge, "--root", fixtures.Directory, "--config", config,
            "--dhcp-range", "10.49.0.100-10.49.0.120", "--lease-db", Path.Combine(_work, "leases.db")];

        BootResult first;
        await using (var serve = await ServeProcess.StartAsync(Ns, arguments))
        {
            first = await BootAsync(BootFixture.Marker, "first.log");
            Assert.True(first.Succeeded, $"{first.Summary}\n{string.Join('\n', first.LastLines)}\n--- serve:\n{serve.Output}{serve.Error}");
        }

        // A new server on the same database: the machine used its one boot, so it goes to its disk.
        // SeaBIOS then finds no disk in this VM and says so, which proves iPXE handed control back.
        await using var restarted = await ServeProcess.StartAsync(Ns, arguments);
        var second = await BootAsync("No bootable device", "second.log");

        Assert.True(second.Succeeded, $"{second.Summary}\n{string.Join('\n', second.LastLines)}\n--- serve:\n{restarted.Output}{restarted.Error}");
        Assert.Contains("profile disk sends 52:54:00:12:34:56 to its local disk", await File.ReadAllTextAsync(second.SerialLogPath), StringComparison.Ordinal);
        Assert.DoesNotContain("vmlinuz", restarted.Output, StringComparison.Ordinal);
    }

    [HostFact]
    public async Task A_menu_boots_its_default_when_nobody_chooses_with_the_command_line_filled_in_and_the_choice_journaled()
    {
        var fixtures = await new FixtureBuilder(new FixtureOptions(), new ProcessCommandRunner()).EnsureAsync();
        var config = Path.Combine(_work, "pxekit.yaml");
        await File.WriteAllTextAsync(config, $$$"""
            profiles:
              - name: choose
                menu: { title: Lab, items: [install, disk], default: install, timeout: 2s }
              - name: install
                kernel: {{{BootFixture.Kernel}}}
                initrd: [{{{BootFixture.Initrd}}}]
                cmdline: "{{{BootFixture.KernelCommandLine}}} pxekit.server={{ server }} pxekit.site={{ site }}"
                vars: { site: rack1 }
              - name: disk
                local: true
            """);
        await using var serve = await ServeProcess.StartAsync(Ns,
            "--interface", Bridge, "--root", fixtures.Directory, "--config", config,
            "--dhcp-range", "10.49.0.100-10.49.0.120", "--lease-db", Path.Combine(_work, "leases.db"));

        var result = await BootAsync(BootFixture.Marker, "menu.log");

        Assert.True(result.Succeeded, $"{result.Summary}\n{string.Join('\n', result.LastLines)}\n--- serve:\n{serve.Output}{serve.Error}");
        Assert.Contains(serve.Events, e => e.Step == Core.Events.BootStep.MenuChosen && e.Profile == "install" && e.Mac == "52:54:00:12:34:56");
        Assert.Contains("pxekit.server=10.49.0.1 pxekit.site=rack1", await File.ReadAllTextAsync(result.SerialLogPath), StringComparison.Ordinal);
    }

    private Task<BootResult> BootAsync(string marker, string log) =>
        new QemuRunner(new NullJournal()).RunAsync(new QemuOptions
        {
            Namespace = Ns,
            Tap = Tap,
            Marker = marker,
            SerialLogPath = Path.Combine(_work, log),
            Timeout = TimeSpan.FromSeconds(150),
        });

}
