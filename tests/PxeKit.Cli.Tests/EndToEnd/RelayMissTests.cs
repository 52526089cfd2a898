using System.Diagnostics;
using PxeKit.Core.Processes;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Qemu;
using Xunit.Abstractions;

namespace PxeKit.Cli.Tests.EndToEnd;

/// <summary>
/// Fault j: a relay that forwards to the DHCP server (dnsmasq) but not to PxeKit (proxyDHCP) on the server segment.
/// The VM gets an address and nothing to boot; PxeKit's capture sees the relay's copy go to dnsmasq only and says so.
/// <code>
///   [pxkt-rj-dns] dnsmasq 10.72.0.2 ─┐
///   [pxkt-rj-srv] bridge 10.72.0.1 (PxeKit --proxy) ─┤─ 10.72.0.254 [pxkt-rj-rtr: dhcrelay to 10.72.0.2 only] 10.73.0.1 ── tap ── VM
/// </code>
/// </summary>
[Collection(QemuCollection.Name)]
[Trait("Category", "E2E")]
public sealed class RelayMissTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Server = "pxkt-rj-srv";
    private const string Dns = "pxkt-rj-dns";
    private const string Router = "pxkt-rj-rtr";
    private readonly string _work = Directory.CreateTempSubdirectory("pxekit-relaymiss-").FullName;
    private readonly List<Process> _daemons = [];

    public async Task InitializeAsync()
    {
        await DisposeNamespacesAsync();
        foreach (var ns in new[] { Server, Dns, Router })
        {
            await Sh.CheckAsync("ip", "netns", "add", ns);
            await Sh.CheckAsync("ip", "-n", ns, "link", "set", "lo", "up");
        }

        await Sh.CheckAsync("ip", "-n", Server, "link", "add", "pxktrjbr", "type", "bridge");
        await Sh.CheckAsync("ip", "-n", Server, "addr", "add", "10.72.0.1/24", "dev", "pxktrjbr");
        await Sh.CheckAsync("ip", "-n", Server, "link", "set", "pxktrjbr", "up");
        foreach (var (ns, inside, address) in new[] { (Dns, "pxktrjD", "10.72.0.2/24"), (Router, "pxktrjR", "10.72.0.254/24") })
        {
            await Sh.CheckAsync("ip", "-n", ns, "link", "add", inside, "type", "veth", "peer", "name", inside + "p", "netns", Server);
            await Sh.CheckAsync("ip", "-n", ns, "addr", "add", address, "dev", inside);
            await Sh.CheckAsync("ip", "-n", ns, "link", "set", inside, "up");
            await Sh.CheckAsync("ip", "-n", Server, "link", "set", inside + "p", "master", "pxktrjbr");
            await Sh.CheckAsync("ip", "-n", Server, "link", "set", inside + "p", "up");
        }

        await Sh.CheckAsync("ip", "-n", Server, "route", "add", "10.73.0.0/24", "via", "10.72.0.254");
        await Sh.CheckAsync("ip", "-n", Dns, "route", "add", "10.73.0.0/24", "via", "10.72.0.254");
        await Sh.CheckAsync("ip", "-n", Router, "link", "add", "pxktrjcbr", "type", "bridge");
        await Sh.CheckAsync("ip", "-n", Router, "addr", "add", "10.73.0.1/24", "dev", "pxktrjcbr");
        await Sh.CheckAsync("ip", "-n", Router, "link", "set", "pxktrjcbr", "up");
        await Sh.CheckAsync("ip", "-n", Router, "tuntap", "add", "dev", "pxktrjtap", "mode", "tap");
        await Sh.CheckAsync("ip", "-n", Router, "link", "set", "pxktrjtap", "master", "pxktrjcbr");
        await Sh.CheckAsync("ip", "-n", Router, "link", "set", "pxktrjtap", "up");
        await Sh.CheckAsync("ip", "netns", "exec", Router, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");

        Start(Dns, "dnsmasq", "--no-daemon", "--conf-file=/dev/null", "--port=0", "--interface=pxktrjD", "--bind-interfaces",
            "--dhcp-range=10.73.0.50,10.73.0.90,255.255.255.0,1h", "--no-ping", $"--dhcp-leasefile={Path.Combine(_work, "dnsmasq.leases")}");
    }

    private void StartRelay(params string[] servers) =>
        Start(Router, ["dhcrelay", "-d", "-4", "-iu", "pxktrjR", "-id", "pxktrjcbr", "-pf", Path.Combine(_work, "dhcrelay.pid"), .. servers]);

    private void Start(string ns, params string[] command)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["netns", "exec", ns, .. command])
        {
            info.ArgumentList.Add(a);
        }

        _daemons.Add(Process.Start(info)!);
    }

    public async Task DisposeAsync()
    {
        foreach (var daemon in _daemons)
        {
            if (!daemon.HasExited)
            {
                daemon.Kill();
                await daemon.WaitForExitAsync();
            }

            daemon.Dispose();
        }

        await DisposeNamespacesAsync();
        Directory.Delete(_work, recursive: true);
    }

    [HostFact]
    public async Task J_a_relay_that_forwards_to_the_dhcp_server_only_is_named_with_the_helper_address_to_add()
    {
        // The fault: the relay knows the DHCP server only.
        StartRelay("10.72.0.2");
        var (result, serve) = await BootAsync(TimeSpan.FromSeconds(40));

        var log = $"{result.Summary}\n--- serve:\n{serve}";
        Assert.False(result.Succeeded, log);
        Assert.Matches(@"A DHCP relay [0-9.]+ forwards the requests of 52:54:00:12:34:56 to 10\.72\.0\.2 only, never to the PXE server", serve);
        Assert.Matches(@"Fix: add PxeKit \(10\.72\.0\.1\) as one more destination on the relay [0-9.]+ \(dhcrelay 10\.72\.0\.2 10\.72\.0\.1", serve);
        Assert.DoesNotContain("never PxeKit's socket", serve, StringComparison.Ordinal);
    }

    [HostFact]
    public async Task With_pxekit_as_a_second_destination_the_vm_boots_and_nothing_is_said()
    {
        StartRelay("10.72.0.2", "10.72.0.1");
        var (result, serve) = await BootAsync(TimeSpan.FromSeconds(150));

        Assert.True(result.Succeeded, $"{result.Summary}\n{string.Join('\n', result.LastLines)}\n--- serve:\n{serve}");
        Assert.DoesNotContain("diagnosis", serve, StringComparison.Ordinal);
    }

    /// <summary>PxeKit as proxyDHCP on the server segment, and the VM behind the relay; returns the boot and PxeKit's output.</summary>
    private async Task<(BootResult Result, string Serve)> BootAsync(TimeSpan timeout)
    {
        var fixtures = await new FixtureBuilder(new FixtureOptions(), new ProcessCommandRunner()).EnsureAsync();
        await using var serve = await ServeProcess.StartAsync(Server,
            "--interface", "pxktrjbr", "--proxy", "--root", fixtures.Directory, "--bootfile", BootFixture.BootFileName, "--lease-db", ":memory:", "--http-port", "0");

        var started = DateTime.Now;
        var result = await new QemuRunner(new NullJournal()).RunAsync(new QemuOptions
        {
            Namespace = Router,
            Tap = "pxktrjtap",
            SerialLogPath = Path.Combine(_work, "serial.log"),
            Timeout = timeout,
        });

        // The server writes its last verdicts a moment after the VM stops.
        await Task.Delay(500);
        output.WriteLine($"VM started at {started:HH:mm:ss.fff}; {result.Summary}");
        output.WriteLine(serve.Output);
        return (result, serve.Output + serve.Error);
    }

    private static async Task DisposeNamespacesAsync()
    {
        foreach (var ns in new[] { Server, Dns, Router })
        {
            await Sh.RunAsync("ip", "netns", "del", ns);
        }
    }
}
