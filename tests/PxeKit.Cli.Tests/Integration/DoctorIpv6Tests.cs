using System.Diagnostics;
using PxeKit.Cli.Tests.Support;

namespace PxeKit.Cli.Tests.Integration;

/// <summary>
/// <c>pxekit doctor</c> for a configuration that serves DHCPv6, run for real in namespaces of its own (issue 16, item 4):
/// no router on the segment, radvd advertising without and with the managed flag, and an ip6tables rule dropping
/// DHCPv6, each named (or not) as a user reads it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DoctorIpv6Tests : IAsyncLifetime
{
    private const string ServerAddress = "fd00:49::1";
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-doctor6-").FullName;
    private VethNetwork _net = null!;
    private Process? _radvd;

    public async Task InitializeAsync()
    {
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
        await File.WriteAllTextAsync(Path.Combine(_root, "boot.bin"), "boot program");
        File.SetUnixFileMode(Path.Combine(_root, "boot.bin"), (UnixFileMode)0b110_100_100);
        await File.WriteAllTextAsync(Path.Combine(_root, "pxekit.yaml"), """
            dhcp6:
              range: fd00:49::100-fd00:49::1ff
            profiles:
              - name: any
                boot: boot.bin
            """);
        _net = await VethNetwork.CreateAsync("pxk-d6-");
        await Sh.CheckAsync("ip", "-n", _net.ServerNamespace, "addr", "add", ServerAddress + "/64", "dev", _net.ServerInterface, "nodad");

        // A solicitation leaves from the server's link-local address once it is past duplicate address detection, and
        // radvd answers from the client's.
        foreach (var (ns, nic) in new[] { (_net.ServerNamespace, _net.ServerInterface), (_net.ClientNamespace, _net.ClientInterface) })
        {
            await Eventually.HoldsAsync(
                async () => await Sh.RunAsync("ip", "-n", ns, "-6", "addr", "show", "dev", nic, "scope", "link", "-tentative") is { Output: var up }
                    && up.Contains("fe80::", StringComparison.Ordinal),
                TimeSpan.FromSeconds(10));
        }
    }

    public async Task DisposeAsync()
    {
        if (_radvd is { HasExited: false })
        {
            _radvd.Kill();
            await _radvd.WaitForExitAsync();
        }

        _radvd?.Dispose();
        await _net.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [HostFact]
    public async Task With_no_router_on_the_segment_the_doctor_says_firmware_will_not_run_dhcpv6()
    {
        var result = await DoctorAsync();

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains($"{_net.ServerInterface} has {ServerAddress}/64.", result.Output, StringComparison.Ordinal);
        Assert.Contains("PXE firmware will not ask DHCPv6", result.Output, StringComparison.Ordinal);
        Assert.Contains("No router answered a router solicitation", result.Output, StringComparison.Ordinal);
        Assert.Contains("router-advertisements: managed", result.Output, StringComparison.Ordinal);
    }

    [HostFact(Programs = ["radvd"])]
    public async Task A_router_advertising_without_the_managed_flag_is_named_with_its_prefix()
    {
        await StartRadvdAsync(managed: false);

        var result = await DoctorAsync();

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains("neither managed nor other flag, prefix fd00:49::/64", result.Output, StringComparison.Ordinal);
        Assert.Contains("Routers answered on", result.Output, StringComparison.Ordinal);
        Assert.Contains("PXE firmware will not ask DHCPv6", result.Output, StringComparison.Ordinal);
    }

    [HostFact(Programs = ["radvd"])]
    public async Task A_router_advertising_the_managed_flag_is_all_the_doctor_needs()
    {
        await StartRadvdAsync(managed: true);

        var result = await DoctorAsync();

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("managed on, other on, prefix fd00:49::/64", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("will not ask DHCPv6", result.Output, StringComparison.Ordinal);
    }

    [HostFact(Programs = ["radvd", "ip6tables"])]
    public async Task An_ip6tables_rule_dropping_dhcpv6_is_named_with_the_command_that_removes_it()
    {
        await StartRadvdAsync(managed: true);
        await Sh.CheckAsync("ip", "netns", "exec", _net.ServerNamespace, "ip6tables", "-A", "INPUT", "-p", "udp", "--dport", "547", "-j", "DROP");

        var result = await DoctorAsync();

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains($"DHCPv6 requests to PxeKit on {_net.ServerInterface} never reach its socket", result.Output, StringComparison.Ordinal);
        Assert.Contains("ip6tables -t filter -D INPUT -p udp -m udp --dport 547 -j DROP", result.Output, StringComparison.Ordinal);
    }

    private Task<Sh.Result> DoctorAsync() => Sh.InNamespaceAsync(_net.ServerNamespace, TimeSpan.FromSeconds(60),
        "dotnet", ServeProcess.PxekitDll, "doctor", "--config", Path.Combine(_root, "pxekit.yaml"), "--interface", _net.ServerInterface,
        "--root", _root, "--http-port", "0", "--no-probe");

    /// <summary>radvd on the client side advertising fd00:49::/64, with or without the managed and other flags, every 3 to 4 s.</summary>
    private async Task StartRadvdAsync(bool managed)
    {
        var flag = managed ? "on" : "off";
        var config = Path.Combine(_root, "radvd.conf");
        await File.WriteAllTextAsync(config, $$"""
            interface {{_net.ClientInterface}} {
              AdvSendAdvert on;
              MinRtrAdvInterval 3;
              MaxRtrAdvInterval 4;
              AdvManagedFlag {{flag}};
              AdvOtherConfigFlag {{flag}};
              prefix fd00:49::/64 { AdvAutonomous off; };
            };
            """);
        await Sh.CheckAsync("ip", "netns", "exec", _net.ClientNamespace, "sysctl", "-qw", "net.ipv6.conf.all.forwarding=1");
        var start = new ProcessStartInfo("ip", ["netns", "exec", _net.ClientNamespace, "radvd", "--nodaemon", "--config", config,
            "--pidfile", Path.Combine(_root, "radvd.pid"), "--logmethod", "stderr"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        _radvd = Process.Start(start)!;
    }
}
