using System.Diagnostics;
using System.Text.RegularExpressions;
using PxeKit.Cli.Tests.Support;

namespace PxeKit.Cli.Tests.Integration;

/// <summary>
/// PxeKit in proxy mode beside a real third-party DHCP server (dnsmasq, addresses only) on one
/// bridged network: a plain client must get its address from dnsmasq and nothing from PxeKit.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class ProxyModeTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-proxy-").FullName;
    private BridgedNetwork _net = null!;
    private Process? _dnsmasq;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "boot.bin"), "boot program");
        _net = await BridgedNetwork.CreateAsync();
        var (ns, nic) = await _net.AddHostAsync("d", "10.48.0.2/24");
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["netns", "exec", ns, "dnsmasq", "--no-daemon", "--conf-file=/dev/null", "--port=0", $"--interface={nic}",
            "--bind-interfaces", "--dhcp-range=10.48.0.50,10.48.0.90,255.255.255.0,1h", "--no-ping",
            $"--dhcp-leasefile={Path.Combine(_root, "dnsmasq.leases")}"])
        {
            info.ArgumentList.Add(a);
        }

        _dnsmasq = Process.Start(info);
    }

    public async Task DisposeAsync()
    {
        if (_dnsmasq is { HasExited: false })
        {
            _dnsmasq.Kill();
            await _dnsmasq.WaitForExitAsync();
        }

        _dnsmasq?.Dispose();
        await _net.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [HostFact]
    public async Task A_plain_client_gets_its_address_from_the_other_server_and_nothing_from_pxekit()
    {
        await using var serve = await ServeProcess.StartAsync(_net.ServerNamespace,
            "--interface", _net.Bridge, "--root", _root, "--bootfile", "boot.bin", "--proxy", "--http-port", "0", "--lease-db", ":memory:");
        var (client, nic) = await _net.AddHostAsync("c", null);
        var script = Path.Combine(_root, "udhcpc.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\n[ \"$1\" = bound ] && echo \"LEASE ip=$ip serverid=$serverid boot_file=$boot_file\"\nexit 0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var result = await Sh.InNamespaceAsync(client, TimeSpan.FromSeconds(30),
            "busybox", "udhcpc", "-i", nic, "-n", "-q", "-f", "-t", "5", "-T", "1", "-A", "1", "-s", script);

        var lease = LeaseLine().Match(result.Output);
        Assert.True(lease.Success, result.All + serve.Error);
        Assert.StartsWith("10.48.0.", lease.Groups[1].Value, StringComparison.Ordinal);
        Assert.InRange(int.Parse(lease.Groups[1].Value.Split('.')[3], System.Globalization.CultureInfo.InvariantCulture), 50, 90);
        Assert.Equal("10.48.0.2", lease.Groups[2].Value);
        Assert.Equal("", lease.Groups[3].Value);
        Assert.Contains("proxyDHCP", serve.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("dhcp-", serve.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"LEASE ip=(\S+) serverid=(\S*) boot_file=(\S*)")]
    private static partial Regex LeaseLine();
}
