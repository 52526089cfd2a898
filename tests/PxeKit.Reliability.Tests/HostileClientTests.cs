using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using PxeKit.Reliability.Tests.Support;
using PxeKit.Server.Leases;
using Xunit.Abstractions;

namespace PxeKit.Reliability.Tests;

/// <summary>
/// Hostile and broken clients: DHCP starvation, a client flooding DISCOVERs, malformed DHCP and TFTP
/// floods, path tricks and bad options; meanwhile real clients keep being served, and their latency
/// is measured. Also: PxeKit answers only on its interface, and proxy mode never allocates.
/// </summary>
[Trait("Category", "Reliability")]
public sealed partial class HostileClientTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Reserved = "52:54:00:77:00:01";
    private const string ReservedAddress = "10.49.0.60";
    private readonly string _root = Directory.CreateTempSubdirectory("pxr-hostile-").FullName;
    private PxrNetwork _net = null!;

    public async Task InitializeAsync()
    {
        PxrTools.Require("python3", "python3");
        PxrTools.Require("busybox", "busybox");
        Directory.CreateDirectory(TftpRoot);
        Directory.CreateDirectory(Path.Combine(TftpRoot, "sub"));
        await File.WriteAllBytesAsync(Path.Combine(TftpRoot, "image.bin"), RandomNumberGenerator.GetBytes(64 * 1024));
        await File.WriteAllTextAsync(Path.Combine(_root, "secret.txt"), Secret);
        File.CreateSymbolicLink(Path.Combine(TftpRoot, "link-out"), Path.Combine(_root, "secret.txt"));
        await File.WriteAllTextAsync(Path.Combine(_root, "udhcpc.sh"), "#!/bin/sh\n[ \"$1\" = bound ] && echo \"LEASE ip=$ip\"\nexit 0\n");
        File.SetUnixFileMode(Path.Combine(_root, "udhcpc.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await File.WriteAllTextAsync(ConfigPath, $"""
            interface: placeholder
            dhcp:
              range: 10.49.0.100-10.49.0.149
              reservations:
                - mac: {Reserved}
                  address: {ReservedAddress}
            """);
        _net = await PxrNetwork.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _net.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private static string Secret => "pxr-secret-6f1c";

    private string TftpRoot => Path.Combine(_root, "tftp");

    private string ConfigPath => Path.Combine(_root, "pxekit.yaml");

    private string LeaseDb => Path.Combine(_root, "leases.db");

    [HostFact]
    public async Task Starvation_by_2000_forged_macs_leaves_reserved_and_known_machines_booting()
    {
        PxrTools.Require("perfdhcp", "kea-admin");
        await using var serve = await StartServeAsync();
        await _net.SetClientMacAsync("52:54:00:77:00:02");
        var known = await UdhcpcAsync() ?? throw new InvalidOperationException("the known machine got no first lease: " + serve.Error);

        // 2,000 forged MACs, 400 DORA a second for 6 s: far more clients than the 50 addresses.
        var flood = await _net.ClientAsync(TimeSpan.FromSeconds(40), "perfdhcp", "-4", "-l", _net.ClientInterface, "-r", "400", "-R", "2000", "-p", "6");
        output.WriteLine("perfdhcp: " + string.Join(" | ", flood.Output.Split('\n').Where(l => l.Contains("packets", StringComparison.Ordinal)).Take(4)));

        await _net.SetClientMacAsync(Reserved);
        var reserved = await UdhcpcAsync();
        await _net.SetClientMacAsync("52:54:00:77:00:02");
        var again = await UdhcpcAsync();
        int exhausted = Regex.Matches(serve.Error, "is exhausted").Count;
        output.WriteLine($"starvation: reserved machine got {reserved}, known machine got {again} (had {known}), pool exhaustion logged {exhausted} time(s)");

        Assert.Equal(ReservedAddress, reserved);
        Assert.Equal(known, again);
        Assert.Equal(1, exhausted);
        Assert.Contains("The address pool of", serve.Error, StringComparison.Ordinal);
        var leases = LeaseAudit.LoadStore(LeaseDb);
        Assert.True(LeaseAudit.Run(leases, []).Clean);
    }

    [HostFact]
    public async Task A_client_flooding_discovers_is_rate_limited_and_others_are_still_served()
    {
        await using var serve = await StartServeAsync();
        var mac = "52:54:00:88:00:01";
        var watch = Stopwatch.StartNew();
        var sent = await FloodAsync(TimeSpan.FromSeconds(30), "dhcp-rate", mac, "300");
        var elapsed = watch.Elapsed;
        await Task.Delay(500);
        int offers = Regex.Matches(serve.Output, Regex.Escape(mac) + @"\s+dhcp-offer").Count;
        await _net.SetClientMacAsync("52:54:00:88:00:02");
        var other = await UdhcpcAsync();
        output.WriteLine($"rate limit: 300 DISCOVERs from one MAC in {elapsed.TotalSeconds:F1} s got {offers} offers (burst 20, 5 a second); another client got {other} ({sent})");

        Assert.InRange(offers, 1, 20 + (int)Math.Ceiling(elapsed.TotalSeconds * 5) + 5);
        Assert.NotNull(other);
    }

    [HostFact]
    public async Task A_flood_of_malformed_dhcp_datagrams_never_stops_the_listener()
    {
        // Regression: a DISCOVER with a 2,550-byte option 82 made a reply larger than the reply buffer;
        // WriteTo threw outside the handler's try and the listener stopped for good.
        await using var serve = await StartServeAsync();
        var flood = FloodAsync(TimeSpan.FromSeconds(60), "dhcp-garbage", "1000");
        var latencies = new List<double>();
        for (int i = 0; i < 5; i++)
        {
            await _net.SetClientMacAsync($"52:54:00:99:00:{i:x2}");
            var watch = Stopwatch.StartNew();
            Assert.True(await UdhcpcAsync() is not null, "no lease during the flood: " + serve.Error[^Math.Min(serve.Error.Length, 3000)..]);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        var summary = await flood;
        await _net.SetClientMacAsync("52:54:00:99:00:ff");
        var after = await UdhcpcAsync();
        output.WriteLine($"DHCP flood ({summary}): 5 udhcpc leases during it in {string.Join(", ", latencies.Select(l => l.ToString("F0", CultureInfo.InvariantCulture)))} ms; after it: {after}");

        Assert.NotNull(after);
        Assert.False(serve.HasExited, serve.Error);
        Assert.DoesNotContain("listener on", serve.Error, StringComparison.Ordinal);
        Assert.Contains("does not fit a datagram", serve.Error, StringComparison.Ordinal);
    }

    [HostFact]
    public async Task A_thousand_bogus_tftp_requests_leak_nothing_and_valid_clients_keep_being_served()
    {
        PxrTools.Require("tftp", "tftp-hpa");
        await using var serve = await StartServeAsync();
        var expected = await File.ReadAllBytesAsync(Path.Combine(TftpRoot, "image.bin"));
        var baseline = new List<double>();
        for (int i = 0; i < 3; i++)
        {
            baseline.Add(await FetchAsync(expected, $"base-{i}"));
        }

        var flood = FloodAsync(TimeSpan.FromSeconds(120), "tftp-hostile", "1000", Secret);
        var during = new List<double>();
        for (int i = 0; i < 20 && !flood.IsCompleted; i++)
        {
            during.Add(await FetchAsync(expected, $"during-{i}"));
        }

        var summary = JsonDocument.Parse(await flood).RootElement;
        output.WriteLine($"TFTP flood: {summary}");
        output.WriteLine($"valid tftp-hpa fetch of 64 KiB: before the flood {Median(baseline):F0} ms (median of {baseline.Count}), " +
            $"during it {Median(during):F0} ms median, {during.DefaultIfEmpty().Max():F0} ms worst, over {during.Count} fetches");

        Assert.False(summary.GetProperty("secret_leaked").GetBoolean(), "a path trick read the file outside the root");
        Assert.Equal(0, summary.GetProperty("data_for_path_tricks").GetInt32());
        Assert.True(summary.GetProperty("tricks").GetInt32() >= 30);
        Assert.NotEmpty(during);
        Assert.False(serve.HasExited, serve.Error);
        Assert.True(during.Max() < 30_000, "a valid fetch took more than 30 s during the flood");
    }

    [HostFact]
    public async Task Pxekit_answers_only_on_its_own_interface()
    {
        // A second link into the server's namespace, on an interface PxeKit was not given.
        string other = _net.ServerNamespace.Replace("-s", "-o", StringComparison.Ordinal);
        string serverSide = _net.ServerInterface[..^1] + "x", otherSide = _net.ServerInterface[..^1] + "o";
        await Sh.CheckAsync("ip", "netns", "add", other);
        try
        {
            await Sh.CheckAsync("ip", "-n", _net.ServerNamespace, "link", "add", serverSide, "type", "veth", "peer", "name", otherSide, "netns", other);
            await Sh.CheckAsync("ip", "-n", _net.ServerNamespace, "addr", "add", "10.50.0.1/24", "dev", serverSide);
            await Sh.CheckAsync("ip", "-n", other, "addr", "add", "10.50.0.50/24", "dev", otherSide);
            await Sh.CheckAsync("ip", "-n", _net.ServerNamespace, "link", "set", serverSide, "up");
            await Sh.CheckAsync("ip", "-n", other, "link", "set", otherSide, "up");
            await using var serve = await StartServeAsync();

            var dhcp = await Sh.InNamespaceAsync(other, TimeSpan.FromSeconds(30),
                "busybox", "udhcpc", "-i", otherSide, "-n", "-q", "-f", "-t", "3", "-T", "1", "-A", "1", "-s", Path.Combine(_root, "udhcpc.sh"));
            var tftp = await Sh.InNamespaceAsync(other, TimeSpan.FromSeconds(30), "bash", "-c",
                $"printf 'binary\\nrexmt 1\\ntimeout 4\\nget image.bin {Path.Combine(_root, "other.bin")}\\nquit\\n' | tftp 10.50.0.1");
            output.WriteLine($"other interface: udhcpc {(dhcp.Output.Contains("LEASE", StringComparison.Ordinal) ? "got a lease" : "got nothing")}, tftp {(File.Exists(Path.Combine(_root, "other.bin")) && new FileInfo(Path.Combine(_root, "other.bin")).Length > 0 ? "got the file" : "got nothing")}");

            Assert.DoesNotContain("LEASE", dhcp.Output, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(_root, "other.bin")) && new FileInfo(Path.Combine(_root, "other.bin")).Length > 0, "TFTP answered on an interface it was not given");
            Assert.NotNull(await UdhcpcAsync()); // and it does answer on its own
        }
        finally
        {
            await Sh.RunAsync("ip", "netns", "del", other);
        }
    }

    [HostFact]
    public async Task Proxy_mode_never_allocates_an_address()
    {
        PxrTools.Require("perfdhcp", "kea-admin");
        await File.WriteAllTextAsync(Path.Combine(TftpRoot, "boot.bin"), "boot program");
        var pcap = Path.Combine(_root, "proxy.pcap");
        await using var serve = await ServeProcess.StartAsync(_net.ServerNamespace,
            "--interface", _net.ServerInterface, "--root", TftpRoot, "--bootfile", "boot.bin", "--proxy", "--http-port", "0", "--lease-db", LeaseDb, "--no-capture");
        await using (var capture = await PxrCapture.StartAsync(_net.ServerNamespace, _net.ServerInterface, pcap, "udp port 67 or udp port 68"))
        {
            await _net.ClientAsync(TimeSpan.FromSeconds(30), "perfdhcp", "-4", "-l", _net.ClientInterface, "-r", "100", "-R", "200", "-p", "3");
            await capture.StopAsync();
            int replies = await capture.CountAsync("udp src port 67");
            var acks = LeaseCapture.Read(pcap);
            int stored = File.Exists(LeaseDb) ? LeaseAudit.LoadStore(LeaseDb).Count : 0;
            output.WriteLine($"proxy mode under perfdhcp: {replies} replies from port 67, {acks.Count} ACKs with an address, {stored} leases stored");
            Assert.Empty(acks);
            Assert.Equal(0, stored);
        }

        Assert.False(serve.HasExited, serve.Error);
    }

    private async Task<ServeProcess> StartServeAsync()
    {
        var config = (await File.ReadAllTextAsync(ConfigPath)).Replace("placeholder", _net.ServerInterface, StringComparison.Ordinal);
        await File.WriteAllTextAsync(ConfigPath, config);
        return await ServeProcess.StartAsync(_net.ServerNamespace,
            "--config", ConfigPath, "--root", TftpRoot, "--lease-db", LeaseDb, "--no-capture", "--http-port", "0");
    }

    private async Task<string?> UdhcpcAsync()
    {
        var result = await _net.ClientAsync(TimeSpan.FromSeconds(30),
            "busybox", "udhcpc", "-i", _net.ClientInterface, "-n", "-q", "-f", "-t", "5", "-T", "1", "-A", "1", "-s", Path.Combine(_root, "udhcpc.sh"));
        var match = LeaseLine().Match(result.Output);
        return match.Success ? match.Groups[1].Value : null;
    }

    private async Task<double> FetchAsync(byte[] expected, string name)
    {
        var destination = Path.Combine(_root, name + ".bin");
        var watch = Stopwatch.StartNew();
        var (result, _) = await PxrTftpClients.GetAsync(_net, "tftp-hpa", "image.bin", destination, TimeSpan.FromSeconds(30));
        var ms = watch.Elapsed.TotalMilliseconds;
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(expected, await File.ReadAllBytesAsync(destination));
        File.Delete(destination);
        return ms;
    }

    private async Task<string> FloodAsync(TimeSpan limit, params string[] arguments)
    {
        var result = await _net.ClientAsync(limit, ["python3", Path.Combine(AppContext.BaseDirectory, "Support", "pxr-flood.py"), .. arguments]);
        Assert.True(result.ExitCode == 0, result.All);
        return result.Output.Trim();
    }

    private static double Median(List<double> values) =>
        values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);

    [GeneratedRegex(@"LEASE ip=(\S+)")]
    private static partial Regex LeaseLine();
}
