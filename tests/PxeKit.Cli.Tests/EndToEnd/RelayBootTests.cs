using PxeKit.Core.Processes;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Qemu;

namespace PxeKit.Cli.Tests.EndToEnd;

/// <summary>
/// A VM on another subnet, behind ISC's DHCP relay in a router namespace: PxeKit picks the pool by
/// giaddr, answers through the relay (which adds option 82), and the VM boots across the router.
/// <code>
///   [pxkt-rl-srv] vS 10.70.0.1 ── vR 10.70.0.254 [pxkt-rl-rtr: dhcrelay, forwarding] br 10.71.0.1 ── tap ── VM
/// </code>
/// </summary>
[Collection(QemuCollection.Name)]
[Trait("Category", "E2E")]
public sealed class RelayBootTests : IAsyncLifetime
{
    private const string Server = "pxkt-rl-srv";
    private const string Router = "pxkt-rl-rtr";
    private readonly string _work = Directory.CreateTempSubdirectory("pxekit-relay-").FullName;
    private BackgroundProcess? _relay;

    public async Task InitializeAsync()
    {
        await DisposeNamespacesAsync();
        await Sh.CheckAsync("ip", "netns", "add", Server);
        await Sh.CheckAsync("ip", "netns", "add", Router);
        foreach (var ns in new[] { Server, Router })
        {
            await Sh.CheckAsync("ip", "-n", ns, "link", "set", "lo", "up");
        }

        await Sh.CheckAsync("ip", "-n", Server, "link", "add", "pxktrlS", "type", "veth", "peer", "name", "pxktrlR", "netns", Router);
        await Sh.CheckAsync("ip", "-n", Server, "addr", "add", "10.70.0.1/24", "dev", "pxktrlS");
        await Sh.CheckAsync("ip", "-n", Server, "link", "set", "pxktrlS", "up");
        await Sh.CheckAsync("ip", "-n", Server, "route", "add", "10.71.0.0/24", "via", "10.70.0.254");
        await Sh.CheckAsync("ip", "-n", Router, "addr", "add", "10.70.0.254/24", "dev", "pxktrlR");
        await Sh.CheckAsync("ip", "-n", Router, "link", "set", "pxktrlR", "up");
        await Sh.CheckAsync("ip", "-n", Router, "link", "add", "pxktrlbr", "type", "bridge");
        await Sh.CheckAsync("ip", "-n", Router, "addr", "add", "10.71.0.1/24", "dev", "pxktrlbr");
        await Sh.CheckAsync("ip", "-n", Router, "link", "set", "pxktrlbr", "up");
        await Sh.CheckAsync("ip", "-n", Router, "tuntap", "add", "dev", "pxktrltap", "mode", "tap");
        await Sh.CheckAsync("ip", "-n", Router, "link", "set", "pxktrltap", "master", "pxktrlbr");
        await Sh.CheckAsync("ip", "-n", Router, "link", "set", "pxktrltap", "up");
        await Sh.CheckAsync("ip", "netns", "exec", Router, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");

        // -a: add option 82 (agent circuit and remote id) to what it forwards, and strip it from replies.
        _relay = BackgroundProcess.Start(
            new Command("ip", "netns", "exec", Router, "dhcrelay", "-d", "-4", "-a", "-iu", "pxktrlR", "-id", "pxktrlbr", "-pf", Path.Combine(_work, "dhcrelay.pid"), "10.70.0.1"),
            Path.Combine(_work, "dhcrelay.log"));
    }

    public async Task DisposeAsync()
    {
        if (_relay is not null)
        {
            await _relay.DisposeAsync();
        }
        await DisposeNamespacesAsync();
        Directory.Delete(_work, recursive: true);
    }

    [HostFact]
    public async Task A_vm_behind_a_relay_gets_an_address_from_the_relayed_pool_and_boots()
    {
        var fixtures = await new FixtureBuilder(new FixtureOptions(), new ProcessCommandRunner()).EnsureAsync();
        var config = Path.Combine(_work, "pxekit.yaml");
        await File.WriteAllTextAsync(config, """
            dhcp:
              relayed:
                - subnet: 10.71.0.0/24
                  range: 10.71.0.100-10.71.0.150
                  router: 10.71.0.1
            """);
        await using var serve = await ServeProcess.StartAsync(Server,
            "--interface", "pxktrlS", "--root", fixtures.Directory, "--bootfile", BootFixture.BootFileName,
            "--config", config, "--lease-db", ":memory:", "--http-port", "0", "--verbose");

        var result = await new QemuRunner(new NullJournal()).RunAsync(new QemuOptions
        {
            Namespace = Router,
            Tap = "pxktrltap",
            SerialLogPath = Path.Combine(_work, "serial.log"),
            Timeout = TimeSpan.FromSeconds(150),
        });

        Assert.True(result.Succeeded, $"{result.Summary}\n{string.Join('\n', result.LastLines)}\n--- serve:\n{serve.Output}{serve.Error}");
        Assert.Matches(@"dhcp-discover\s+discover: .*via relay 10\.71\.0\.1", serve.Output);
        Assert.Matches(@"dhcp-ack\s+ack 10\.71\.0\.1(0[0-9]|1[0-4][0-9]|150) ", serve.Output);
        Assert.Contains("tftp-complete   vmlinuz", serve.Output, StringComparison.Ordinal);
    }

    private static async Task DisposeNamespacesAsync()
    {
        await Sh.RunAsync("ip", "netns", "del", Server);
        await Sh.RunAsync("ip", "netns", "del", Router);
    }
}
