using System.Diagnostics;
using PxeKit.Cli.Tests.Support;

namespace PxeKit.Cli.Tests.Integration;

/// <summary>
/// <c>pxekit doctor</c> run for real inside a namespace with a bridge: all clear beside a running PxeKit; the article's
/// firewall rule named with its fix; dnsmasq named when it holds the ports or hands out addresses too.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DoctorTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-doctor-").FullName;
    private BridgedNetwork _net = null!;
    private Process? _dnsmasq;

    public async Task InitializeAsync()
    {
        // A root everyone may read, as serve's user (nobody here) must.
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
        await File.WriteAllTextAsync(Path.Combine(_root, "boot.bin"), "boot program");
        File.SetUnixFileMode(Path.Combine(_root, "boot.bin"), (UnixFileMode)0b110_100_100);
        _net = await BridgedNetwork.CreateAsync();
        // A port on the bridge gives it a carrier, as a switch port with a machine behind it would.
        await _net.AddHostAsync("c", null);
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

    private Task<ServeProcess> ServeAsync() => ServeProcess.StartAsync(_net.ServerNamespace,
        "--interface", _net.Bridge, "--root", _root, "--bootfile", "boot.bin", "--dhcp-range", "10.48.0.100-10.48.0.110", "--http-port", "0", "--lease-db", ":memory:");

    private Task<Sh.Result> DoctorAsync() => Sh.InNamespaceAsync(_net.ServerNamespace, TimeSpan.FromSeconds(60),
        "dotnet", ServeProcess.PxekitDll, "doctor", "--interface", _net.Bridge, "--root", _root, "--bootfile", "boot.bin", "--http-port", "0", "--probe-wait", "1");

    private void StartDnsmasq(string ns, string nic, params string[] more)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["netns", "exec", ns, "dnsmasq", "--no-daemon", "--conf-file=/dev/null", "--port=0", $"--interface={nic}",
            "--bind-interfaces", "--no-ping", $"--dhcp-leasefile={Path.Combine(_root, "dnsmasq.leases")}", .. more])
        {
            info.ArgumentList.Add(a);
        }

        _dnsmasq = Process.Start(info);
    }

    [HostFact]
    public async Task Beside_a_running_pxekit_the_host_is_all_clear()
    {
        await using var serve = await ServeAsync();

        var result = await DoctorAsync();

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("All clear", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"UDP 67 \(DHCP\) is held by pxekit \(pid \d+\)", result.Output);
        Assert.Matches(@"10\.48\.0\.1 answers BIOS clients: offer of 10\.48\.0\.1(0[0-9]|10), boot file boot\.bin", result.Output);
        Assert.DoesNotContain("WARNING", result.Output, StringComparison.Ordinal);
    }

    [HostFact]
    public async Task A_boot_file_only_root_may_read_is_named_as_unreadable_by_the_serving_user()
    {
        File.SetUnixFileMode(Path.Combine(_root, "boot.bin"), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var result = await DoctorAsync();

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains("boot.bin (boot program of profile \"default\") is on this host and cannot be read", result.Output, StringComparison.Ordinal);
        Assert.Contains("user nobody, whom pxekit serve runs as, may not read it (owner uid 0, gid 0, mode 600)", result.Output, StringComparison.Ordinal);
    }

    [HostFact]
    public async Task The_articles_firewall_rule_is_named_with_the_command_that_removes_it()
    {
        await using var serve = await ServeAsync();
        await Sh.CheckAsync("ip", "netns", "exec", _net.ServerNamespace, "iptables", "-A", "INPUT", "-p", "udp", "--dport", "67", "-j", "DROP");

        var result = await DoctorAsync();

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains("The rule `-A INPUT -p udp -m udp --dport 67 -j DROP`", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"ERROR  DHCP requests to PxeKit on \S+ never reach its socket: this host's firewall drops them\.", result.Output);
        Assert.Matches(@"fix: +iptables -t filter -D INPUT -p udp -m udp --dport 67 -j DROP", result.Output);
        Assert.DoesNotContain("All clear", result.Output, StringComparison.Ordinal);
    }

    [HostFact]
    public async Task A_second_dhcp_server_on_the_network_is_listed_with_its_offer()
    {
        await using var serve = await ServeAsync();
        var (ns, nic) = await _net.AddHostAsync("d", "10.48.0.2/24");
        StartDnsmasq(ns, nic, "--dhcp-range=10.48.0.50,10.48.0.90,255.255.255.0,1h");

        var result = await DoctorAsync();

        Assert.Matches(@"10\.48\.0\.2 answers BIOS clients: offer of 10\.48\.0\.(5\d|[6-8]\d|90), no boot file", result.Output);
        Assert.Matches(@"ERROR  2 DHCP servers answer [0-9a-f:]+: 10\.48\.0\.1 and 10\.48\.0\.2\.", result.Output);
        Assert.True(result.ExitCode == 1, result.All);
    }

    [HostFact]
    public async Task Dnsmasq_holding_the_dhcp_and_tftp_ports_is_named()
    {
        StartDnsmasq(_net.ServerNamespace, _net.Bridge, "--dhcp-range=10.48.0.50,10.48.0.90,255.255.255.0,1h", "--enable-tftp", $"--tftp-root={_root}", "--dhcp-boot=boot.bin");
        await WaitForPortAsync("69");

        var result = await DoctorAsync();

        Assert.Matches(@"UDP 67 \(DHCP\) is held by dnsmasq \(pid \d+\)", result.Output);
        Assert.Matches(@"UDP 69 \(TFTP\) is held by dnsmasq \(pid \d+\)", result.Output);
        Assert.Matches(@"10\.48\.0\.1 answers BIOS clients: offer of 10\.48\.0\.\d+, boot file boot\.bin", result.Output);
    }

    private async Task WaitForPortAsync(string port)
    {
        for (int i = 0; i < 50; i++)
        {
            var ss = await Sh.RunAsync("ip", "netns", "exec", _net.ServerNamespace, "ss", "-lun");
            if (ss.Output.Contains($":{port} ", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"dnsmasq did not bind UDP {port}: {(_dnsmasq is { HasExited: true } ? "it exited" : "still running")}");
    }
}
