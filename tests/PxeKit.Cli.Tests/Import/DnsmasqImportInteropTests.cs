using System.Net;
using System.Text.RegularExpressions;
using PxeKit.Cli.Commands;
using PxeKit.Cli.Tests.Support;

namespace PxeKit.Cli.Tests.Import;

/// <summary>
/// One veth link served first by dnsmasq from a configuration file, then by <c>pxekit serve</c> from that file as
/// <c>pxekit import dnsmasq</c> converted it: busybox udhcpc must get the same kind of answer from both (an address in
/// the range, the reserved address for the reserved MAC, the same next server and boot file).
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class DnsmasqImportInteropTests : IAsyncLifetime
{
    private const string ReservedMac = "52:54:00:ee:00:01";
    private const string OtherMac = "52:54:00:ee:00:02";

    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-import-interop-").FullName;
    private VethNetwork _net = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "boot.bin"), "boot program");
        _net = await VethNetwork.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _net.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [HostFact(Programs = ["dnsmasq", "busybox"])]
    public async Task Udhcpc_gets_the_same_answers_from_dnsmasq_and_from_pxekit_serving_the_converted_file()
    {
        var conf = Path.Combine(_root, "dnsmasq.conf");
        await File.WriteAllTextAsync(conf, $"""
            # As a lab's dnsmasq.conf would say it.
            interface={_net.ServerInterface}
            bind-interfaces
            port=0
            dhcp-range=10.48.0.100,10.48.0.110,255.255.255.0,30m
            dhcp-host={ReservedMac},10.48.0.60,lab-node
            enable-tftp
            tftp-root={_root}
            dhcp-boot=boot.bin
            dhcp-leasefile={_root}/dnsmasq.leases
            """);

        var fromDnsmasq = await DnsmasqProcess.RunWhileAsync(_net.ServerNamespace, conf, AnswersAsync);

        var converted = Path.Combine(_root, "pxekit.yaml");
        var import = await Sh.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "pxekit.dll"), "import", "dnsmasq", conf, "--to", converted]);
        Assert.True(import.ExitCode == ImportCommand.LinesLeft, import.All); // dhcp-leasefile is listed
        Assert.Contains($"{conf}:10: not mapped: dhcp-leasefile=", import.Error, StringComparison.Ordinal);
        (Dictionary<string, Answer> Answers, string Log) fromPxekit;
        await using (var serve = await ServeProcess.StartAsync(_net.ServerNamespace, "--config", converted, "--lease-db", ":memory:", "--http-port", "0"))
        {
            fromPxekit = (await AnswersAsync(), serve.Error);
        }

        foreach (var (name, answers) in new[] { ("dnsmasq", fromDnsmasq.Answers), ("pxekit", fromPxekit.Answers) })
        {
            var log = name == "dnsmasq" ? fromDnsmasq.Log : fromPxekit.Log;
            Assert.True(answers.ContainsKey(ReservedMac) && answers.ContainsKey(OtherMac), $"{name} did not answer both clients:\n{log}");
            Assert.Equal("10.48.0.60", answers[ReservedMac].Ip);
            Assert.InRange(IPAddress.Parse(answers[OtherMac].Ip).GetAddressBytes()[3], 100, 110);
            Assert.All(answers.Values, a => Assert.Equal((VethNetwork.ServerAddress, "boot.bin", "1800"), (a.Siaddr, a.BootFile, a.Lease)));
        }
    }

    /// <summary>What udhcpc was given, for each of the two MACs.</summary>
    private async Task<Dictionary<string, Answer>> AnswersAsync()
    {
        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        var script = Path.Combine(_root, "udhcpc.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\n[ \"$1\" = bound ] && echo \"LEASE ip=$ip siaddr=$siaddr boot_file=$boot_file lease=$lease\"\nexit 0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var mac in new[] { ReservedMac, OtherMac })
        {
            await _net.SetClientMacAsync(mac);
            var result = await Sh.InNamespaceAsync(_net.ClientNamespace, TimeSpan.FromSeconds(30),
                "busybox", "udhcpc", "-i", _net.ClientInterface, "-n", "-q", "-f", "-t", "5", "-T", "1", "-A", "1", "-s", script);
            var match = LeaseLine().Match(result.Output);
            if (match.Success)
            {
                answers[mac] = new Answer(match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value, match.Groups[4].Value);
            }
        }

        return answers;
    }

    private sealed record Answer(string Ip, string Siaddr, string BootFile, string Lease);

    [GeneratedRegex(@"LEASE ip=(\S+) siaddr=(\S*) boot_file=(\S*) lease=(\S*)")]
    private static partial Regex LeaseLine();
}
