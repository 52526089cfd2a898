using System.Text.RegularExpressions;
using PxeKit.Core.Events;
using PxeKit.Reliability.Tests.Support;
using PxeKit.Server.Leases;
using Xunit.Abstractions;

namespace PxeKit.Reliability.Tests;

/// <summary>
/// Option 57 with a real client: busybox udhcpc says it takes 576-byte datagrams (a 548-byte DHCP message). A reply
/// whose options outgrow the options field (55 DNS servers and a long reserved host name) leaves within 548 bytes,
/// its last options in the free <c>file</c> field (option 52), and udhcpc reads every one.
/// </summary>
[Trait("Category", "Reliability")]
public sealed partial class MaximumMessageSizeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Mac = "52:54:00:57:00:01";
    private const int DnsServers = 55;
    private static readonly string HostName = new string('h', 60) + "." + new string('k', 40);
    private readonly string _root = Directory.CreateTempSubdirectory("pxr-size-").FullName;
    private PxrNetwork _net = null!;
    private string _script = "";

    public async Task InitializeAsync()
    {
        PxrTools.Require("busybox", "busybox");
        Directory.CreateDirectory(Path.Combine(_root, "tftp"));
        _script = await PxrUdhcpc.WriteScriptAsync(_root);
        _net = await PxrNetwork.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _net.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [HostFact]
    public async Task A_reply_too_big_for_the_options_field_fits_udhcpcs_576_bytes_through_the_file_field()
    {
        var dns = Enumerable.Range(1, DnsServers).Select(i => $"10.49.1.{i}").ToList();
        var config = Path.Combine(_root, "pxekit.yaml");
        await File.WriteAllTextAsync(config, $"""
            interface: {_net.ServerInterface}
            dhcp:
              range: 10.49.0.100-10.49.0.149
              probe: false
              dns: [{string.Join(", ", dns)}]
              reservations:
                - mac: "{Mac}"
                  address: 10.49.0.70
                  hostname: {HostName}
            """);
        await using var serve = await ServeProcess.StartAsync(_net.ServerNamespace,
            "--config", config, "--root", Path.Combine(_root, "tftp"), "--lease-db", ":memory:", "--no-capture", "--http-port", "0");
        await _net.SetClientMacAsync(Mac);
        var pcap = Path.Combine(_root, "dhcp.pcap");
        Sh.Result result;
        int replies, oversized;
        await using (var capture = await PxrCapture.StartAsync(_net.ServerNamespace, _net.ServerInterface, pcap, "udp port 67 or udp port 68"))
        {
            result = await PxrUdhcpc.RunAsync(_net, _script);
            // libpcap hands packets over in blocks: wait for the ACK to reach the file before stopping.
            await Eventually.HoldsAsync(() => LeaseCapture.Read(pcap).Count > 0);
            await capture.StopAsync();
            replies = await capture.CountAsync("udp src port 67");
            // An Ethernet frame of a 548-byte message: 14 + 20 + 8 + 548 = 590 bytes.
            oversized = await capture.CountAsync("udp src port 67 and greater 591");
        }

        var lease = LeaseLine().Match(result.Output);
        output.WriteLine($"udhcpc (option 57 = 576): {lease.Value}; {replies} replies, {oversized} over 548 bytes");

        Assert.True(lease.Success, result.All);
        Assert.Equal("10.49.0.70", lease.Groups["ip"].Value);
        Assert.Equal(HostName, lease.Groups["host"].Value);
        Assert.Equal(dns, lease.Groups["dns"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(replies >= 2, $"{replies} replies captured");
        Assert.Equal(0, oversized);
        Assert.DoesNotContain(serve.Events, e => e.Step == BootStep.DhcpReplyDropped);
    }

    [GeneratedRegex(@"LEASE ip=(?<ip>\S+) host=(?<host>\S*) dns=(?<dns>[^\n]*)")]
    private static partial Regex LeaseLine();
}
