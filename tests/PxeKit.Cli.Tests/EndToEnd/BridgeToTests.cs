using System.Diagnostics;
using System.Security.Cryptography;

namespace PxeKit.Cli.Tests.EndToEnd;

/// <summary>
/// <c>pxekit boot --bridge-to</c>, the article's setup, against a server that is not PxeKit: dnsmasq (DHCP and TFTP) on a
/// bridge in a namespace of the test's own. The timeline and the causes come from the capture on the VM's tap.
/// </summary>
[Collection(QemuCollection.Name)]
[Trait("Category", "E2E")]
public sealed class BridgeToTests : IAsyncLifetime
{
    private readonly string _id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2));
    private readonly string _leases = Path.GetTempFileName();
    private Process? _dnsmasq;

    private string Namespace => $"pxkt-{_id}-lan";

    private string Bridge => $"pxkt{_id}lan";

    public async Task InitializeAsync()
    {
        await Sh.CheckAsync("ip", "netns", "add", Namespace);
        await Sh.CheckAsync("ip", "-n", Namespace, "link", "set", "lo", "up");
        await Sh.CheckAsync("ip", "-n", Namespace, "link", "add", Bridge, "type", "bridge");
        await Sh.CheckAsync("ip", "-n", Namespace, "addr", "add", "10.49.1.1/24", "dev", Bridge);
        await Sh.CheckAsync("ip", "-n", Namespace, "link", "set", Bridge, "up");
    }

    public async Task DisposeAsync()
    {
        if (_dnsmasq is { HasExited: false })
        {
            _dnsmasq.Kill();
            await _dnsmasq.WaitForExitAsync();
        }

        _dnsmasq?.Dispose();
        await Sh.RunAsync("ip", "netns", "del", Namespace);
        File.Delete(_leases);
    }

    private async Task StartDnsmasqAsync(params string[] boot)
    {
        var fixtures = await Sh.RunAsync("dotnet", [ServeProcess.PxekitDll, "fixtures"], TimeSpan.FromMinutes(5));
        Assert.True(fixtures.ExitCode == 0, fixtures.All);
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["netns", "exec", Namespace, "dnsmasq", "--no-daemon", "--conf-file=/dev/null", "--port=0", $"--interface={Bridge}",
            "--bind-interfaces", "--dhcp-range=10.49.1.50,10.49.1.90,255.255.255.0,1h", "--no-ping", $"--dhcp-leasefile={_leases}", .. boot])
        {
            info.ArgumentList.Add(a);
        }

        _dnsmasq = Process.Start(info);
    }

    private Task<Sh.Result> BootAsync(int timeout) => Sh.InNamespaceAsync(Namespace, TimeSpan.FromSeconds(timeout + 60),
        "dotnet", ServeProcess.PxekitDll, "boot", "--bridge-to", Bridge, "--timeout", timeout.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [HostFact]
    public async Task A_vm_boots_from_dnsmasq_and_the_timeline_comes_from_the_tap()
    {
        await StartDnsmasqAsync("--enable-tftp", "--tftp-root=/var/cache/pxekit/fixtures/bios", "--dhcp-boot=pxelinux.0");

        var result = await BootAsync(90);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Matches(@"dhcp-ack +ACK 10\.49\.1\.\d+ from 10\.49\.1\.1, boot file pxelinux\.0", result.Output);
        Assert.Matches(@"tftp-complete +vmlinuz", result.Output);
        Assert.Contains("The VM booted: the marker appeared", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Cause:", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("pxkbt", (await Sh.InNamespaceAsync(Namespace, TimeSpan.FromSeconds(10), "ip", "link")).Output, StringComparison.Ordinal);
    }

    [HostFact]
    public async Task A_dhcp_server_with_no_boot_information_is_named_from_the_wire()
    {
        await StartDnsmasqAsync();

        var result = await BootAsync(40);

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Matches(@"Cause: 52:54:00:12:34:56 asked for a network boot and got the address 10\.49\.1\.\d+ from 10\.49\.1\.1, with no boot information, and no PXE server answered", result.Output);
        Assert.Contains("run a PXE server in proxy mode beside it (pxekit serve --proxy", result.Output, StringComparison.Ordinal);
    }
}
