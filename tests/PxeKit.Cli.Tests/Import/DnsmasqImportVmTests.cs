using System.Net;
using System.Text.RegularExpressions;
using PxeKit.Cli.Commands;
using PxeKit.Cli.Tests.EndToEnd;
using PxeKit.Core.Events;
using PxeKit.Core.Processes;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Qemu;
using Xunit.Abstractions;

namespace PxeKit.Cli.Tests.Import;

/// <summary>
/// The import's round trip with a VM (issue 18): the BIOS configuration of
/// <c>tests/PxeKit.Lab.Tests/EndToEnd/DnsmasqBootTests.cs</c> (its dnsmasq command line, written as a file) boots the same
/// SeaBIOS + iPXE VM once from dnsmasq, and once from <c>pxekit serve</c> with what <c>pxekit import dnsmasq</c> made of
/// that file. Each must give an address in the range, the same next server and boot file, send the same files, and get the VM to
/// the marker. Two boots under TCG: 1 to 3 minutes.
/// </summary>
[Collection(QemuCollection.Name)]
[Trait("Category", "E2E")]
public sealed partial class DnsmasqImportVmTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Ns = "pxkt-e2e-import";
    private const string Bridge = "pxktimpbr";
    private const string Tap = "pxktimptap";
    private const string Mac = "52:54:00:12:34:56";
    private const string Net = "10.53.0";
    private readonly string _work = Directory.CreateTempSubdirectory("pxekit-import-vm-").FullName;

    public async Task InitializeAsync()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return; // skipped: HostFact says why
        }

        await Sh.RunAsync("ip", "netns", "del", Ns);
        await Sh.CheckAsync("ip", "netns", "add", Ns);
        await Sh.CheckAsync("ip", "-n", Ns, "link", "set", "lo", "up");
        await Sh.CheckAsync("ip", "-n", Ns, "link", "add", Bridge, "type", "bridge");
        await Sh.CheckAsync("ip", "-n", Ns, "addr", "add", $"{Net}.1/24", "dev", Bridge);
        await Sh.CheckAsync("ip", "-n", Ns, "link", "set", Bridge, "up");
        await Sh.CheckAsync("ip", "-n", Ns, "tuntap", "add", "dev", Tap, "mode", "tap");
        await Sh.CheckAsync("ip", "-n", Ns, "link", "set", Tap, "master", Bridge);
        await Sh.CheckAsync("ip", "-n", Ns, "link", "set", Tap, "up");
    }

    public async Task DisposeAsync()
    {
        if (Environment.IsPrivilegedProcess)
        {
            await Sh.RunAsync("ip", "netns", "del", Ns);
        }

        Directory.Delete(_work, recursive: true);
    }

    [HostFact(Programs = ["dnsmasq", "qemu-system-x86_64", "ip"])]
    public async Task A_bios_vm_boots_the_same_from_dnsmasq_and_from_pxekit_serving_the_converted_file()
    {
        var fixtures = await new FixtureBuilder(new FixtureOptions(), new ProcessCommandRunner()).EnsureAsync();
        var conf = Path.Combine(_work, "dnsmasq.conf");
        await File.WriteAllTextAsync(conf, $"""
            # DnsmasqBootTests.DnsmasqCommand's options, one a line (less --no-daemon, --conf-file and --pid-file).
            port=0
            interface={Bridge}
            bind-interfaces
            dhcp-range={Net}.100,{Net}.150,255.255.255.0,1h
            enable-tftp
            tftp-root={fixtures.Directory}
            dhcp-boot={BootFixture.BootFileName}
            log-dhcp
            dhcp-leasefile={Path.Combine(_work, "dnsmasq.leases")}
            """);

        var (dnsmasqBoot, log) = await DnsmasqProcess.RunWhileAsync(Ns, conf, () => BootAsync("dnsmasq"));
        output.WriteLine("--- dnsmasq\n" + log);
        var fromDnsmasq = new Served(
            DnsmasqAck().Match(log).Groups["address"].Value,
            DnsmasqNextServer().Match(log).Groups["address"].Value,
            DnsmasqBootFile().Match(log).Groups["file"].Value,
            [.. DnsmasqSent().Matches(log).Select(m => Path.GetRelativePath(fixtures.Directory, m.Groups["path"].Value))]);

        var converted = Path.Combine(_work, "pxekit.yaml");
        var import = await Sh.RunAsync("dotnet", [ServeProcess.PxekitDll, "import", "dnsmasq", conf, "--to", converted]);
        output.WriteLine("--- import\n" + import.All + "\n" + await File.ReadAllTextAsync(converted));
        Assert.True(import.ExitCode is 0 or ImportCommand.LinesLeft, import.All);
        Served fromPxekit;
        BootResult pxekitBoot;
        await using (var serve = await ServeProcess.StartAsync(Ns, "--config", converted, "--lease-db", Path.Combine(_work, "leases.db")))
        {
            pxekitBoot = await BootAsync("pxekit");
            output.WriteLine("--- pxekit serve\n" + serve.Output + serve.Error);
            var ack = serve.Events.LastOrDefault(e => e.Step == BootStep.DhcpAck && e.Mac == Mac);
            fromPxekit = new Served(
                ack?.Address ?? "",
                ack?.Dhcp?.NextServer ?? "",
                ack?.File ?? "",
                [.. serve.Events.Where(e => e.Step == BootStep.TftpComplete).Select(e => e.File!.TrimStart('/'))]);
        }

        output.WriteLine($"dnsmasq: {fromDnsmasq}\npxekit: {fromPxekit}");
        foreach (var (name, boot, served) in new[] { ("dnsmasq", dnsmasqBoot, fromDnsmasq), ("pxekit", pxekitBoot, fromPxekit) })
        {
            Assert.True(boot.Succeeded, $"{name}: {boot.Summary}\n{string.Join('\n', boot.LastLines)}");
            Assert.True(IPAddress.TryParse(served.Address, out var address) && address.ToString().StartsWith(Net + ".", StringComparison.Ordinal), $"{name} gave {served.Address}");
            Assert.InRange(address!.GetAddressBytes()[3], 100, 150);
            Assert.Equal((Net + ".1", BootFixture.BootFileName), (served.NextServer, served.BootFile));
            Assert.Contains(BootFixture.Kernel, served.Files);
            Assert.Contains(BootFixture.Initrd, served.Files);
        }

        Assert.Equal(fromDnsmasq.Files.Order(StringComparer.Ordinal), fromPxekit.Files.Order(StringComparer.Ordinal));
    }

    private Task<BootResult> BootAsync(string name) =>
        new QemuRunner(new NullJournal()).RunAsync(new QemuOptions
        {
            Namespace = Ns,
            Tap = Tap,
            MacAddress = Mac,
            SerialLogPath = Path.Combine(_work, name + "-serial.log"),
            Timeout = TimeSpan.FromSeconds(180),
        });

    /// <summary>What a server gave the VM: the address acknowledged, the next server and boot file, and every file it sent whole.</summary>
    private sealed record Served(string Address, string NextServer, string BootFile, IReadOnlyList<string> Files)
    {
        public override string ToString() => $"{Address}, next server {NextServer}, boot file {BootFile}, sent {string.Join(", ", Files)}";
    }

    // dnsmasq's own log lines (--log-dhcp): what it says it did is the reference's account.
    [GeneratedRegex(@"DHCPACK\(\S+\) (?<address>\S+) 52:54:00:12:34:56")]
    private static partial Regex DnsmasqAck();

    [GeneratedRegex(@"option: 67 bootfile-name\s+(?<file>\S+)")]
    private static partial Regex DnsmasqBootFile();

    [GeneratedRegex(@"next server: (?<address>\S+)")]
    private static partial Regex DnsmasqNextServer();

    [GeneratedRegex(@"sent (?<path>/\S+) to ")]
    private static partial Regex DnsmasqSent();
}
