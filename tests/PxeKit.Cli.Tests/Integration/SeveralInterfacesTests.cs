using System.Security.Cryptography;
using System.Text.RegularExpressions;
using PxeKit.Core.Events;

namespace PxeKit.Cli.Tests.Integration;

/// <summary>
/// One <c>pxekit serve</c> on two links (issue 14): a server namespace with a veth to each of two client namespaces, on
/// two subnets. Each link's client gets an address of its own subnet and the boot file of its interface's profile, and
/// fetches it over TFTP from that interface; the leases of both are in the one database, and one link gone leaves the
/// other served.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class SeveralInterfacesTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-several-").FullName;
    private readonly string _id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2));
    private readonly List<string> _namespaces = [];

    private string Server => $"pxkt-{_id}-s";

    private string Client(int link) => $"pxkt-{_id}-c{link}";

    private string ServerInterface(int link) => $"pxkt{_id}s{link}";

    private string ClientInterface(int link) => $"pxkt{_id}c{link}";

    private static string Subnet(int link) => $"10.{48 + link}.0";

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "lab0.bin"), "for the first link");
        await File.WriteAllTextAsync(Path.Combine(_root, "any.bin"), "for everyone else");
        foreach (var ns in new[] { Server, Client(0), Client(1) })
        {
            await Sh.CheckAsync("ip", "netns", "add", ns);
            _namespaces.Add(ns);
            await Sh.CheckAsync("ip", "-n", ns, "link", "set", "lo", "up");
        }

        for (int link = 0; link < 2; link++)
        {
            await Sh.CheckAsync("ip", "-n", Server, "link", "add", ServerInterface(link), "type", "veth", "peer", "name", ClientInterface(link), "netns", Client(link));
            await Sh.CheckAsync("ip", "-n", Server, "addr", "add", $"{Subnet(link)}.1/24", "dev", ServerInterface(link));
            await Sh.CheckAsync("ip", "-n", Server, "link", "set", ServerInterface(link), "up");
            await Sh.CheckAsync("ip", "-n", Client(link), "link", "set", ClientInterface(link), "up");
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var ns in _namespaces)
        {
            await Sh.RunAsync("ip", "netns", "del", ns);
        }

        Directory.Delete(_root, recursive: true);
    }

    [HostFact(Programs = ["busybox", "tftp"])]
    public async Task Each_link_is_served_from_its_own_subnet_with_its_own_profile_and_one_lease_database()
    {
        var config = Path.Combine(_root, "pxekit.yaml");
        await File.WriteAllTextAsync(config, $"""
            root: {_root}
            lease-db: {Path.Combine(_root, "leases.db")}
            dhcp:
              lease-time: 10m
            interfaces:
              - name: {ServerInterface(0)}
                dhcp:
                  range: 10.48.0.100-10.48.0.110
                profiles:
                  - name: first-link
                    boot: lab0.bin
              - name: {ServerInterface(1)}
                dhcp:
                  range: 10.49.0.200-10.49.0.210
            profiles:
              - name: everyone
                boot: any.bin
            """);
        await using var serve = await ServeProcess.StartAsync(Server, "--config", config, "--http-port", "0");
        await Eventually.HoldsAsync(() => serve.Events.Count(e => e.Step == BootStep.ServerReady) == 2 || serve.HasExited, TimeSpan.FromSeconds(30));
        Assert.False(serve.HasExited, serve.Error);

        var first = await UdhcpcAsync(0);
        var second = await UdhcpcAsync(1);

        Assert.True(first is not null, serve.Output + serve.Error);
        Assert.True(second is not null, serve.Output + serve.Error);
        Assert.Equal(("10.48.0.1", "lab0.bin"), (first.Value.Server, first.Value.BootFile));
        Assert.InRange(Last(first.Value.Ip), 100, 110);
        Assert.Equal(("10.49.0.1", "any.bin"), (second.Value.Server, second.Value.BootFile));
        Assert.InRange(Last(second.Value.Ip), 200, 210);

        for (int link = 0; link < 2; link++)
        {
            var lease = link == 0 ? first.Value : second.Value;
            var fetched = Path.Combine(_root, $"fetched{link}");
            var tftp = await Sh.InNamespaceAsync(Client(link), TimeSpan.FromSeconds(20),
                "sh", "-c", $"ip addr add {lease.Ip}/24 dev {ClientInterface(link)} && tftp {lease.Server} -c get {lease.BootFile} {fetched}");
            Assert.True(tftp.ExitCode == 0, tftp.All);
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(_root, lease.BootFile)), await File.ReadAllTextAsync(fetched));
        }

        // The journal is written off the reply path: an ACK the client holds reaches the events file a moment later.
        bool Acked(string server) => serve.Events.Any(e => e.Step == BootStep.DhcpAck && e.Server == server);
        await Eventually.HoldsAsync(() => Acked("10.48.0.1") && Acked("10.49.0.1"), TimeSpan.FromSeconds(10));

        // One link gone leaves the other served.
        await Sh.CheckAsync("ip", "-n", Server, "link", "del", ServerInterface(1));
        await Eventually.HoldsAsync(() => serve.Events.Any(e => e.Step == BootStep.InterfaceGone && e.Interface?.Name == ServerInterface(1)), TimeSpan.FromSeconds(15));
        await Sh.CheckAsync("ip", "-n", Client(0), "addr", "flush", "dev", ClientInterface(0));
        var again = await UdhcpcAsync(0);
        Assert.True(again is not null, serve.Output + serve.Error);
        Assert.Equal(first.Value.Ip, again.Value.Ip);

        Assert.Equal(0, await serve.TerminateAsync(TimeSpan.FromSeconds(10)));
        var leases = await Sh.RunAsync("dotnet", ServeProcess.PxekitDll, "leases", "list", "--db", Path.Combine(_root, "leases.db"));
        Assert.Contains(first.Value.Ip, leases.Output, StringComparison.Ordinal);
        Assert.Contains(second.Value.Ip, leases.Output, StringComparison.Ordinal);
    }

    /// <summary>busybox udhcpc on one link's client, with a script that prints what it was given instead of configuring anything.</summary>
    private async Task<(string Ip, string Server, string BootFile)?> UdhcpcAsync(int link)
    {
        var script = Path.Combine(_root, "udhcpc.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\n[ \"$1\" = bound ] && echo \"LEASE ip=$ip serverid=$serverid boot_file=$boot_file\"\nexit 0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var result = await Sh.InNamespaceAsync(Client(link), TimeSpan.FromSeconds(30),
            "busybox", "udhcpc", "-i", ClientInterface(link), "-n", "-q", "-f", "-t", "4", "-T", "1", "-A", "1", "-s", script);
        var match = LeaseLine().Match(result.Output);
        return match.Success ? (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value) : null;
    }

    private static int Last(string ip) => int.Parse(ip.Split('.')[3], System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"LEASE ip=(\S+) serverid=(\S+) boot_file=(\S*)")]
    private static partial Regex LeaseLine();
}
