using PxeKit.Core.Events;
using PxeKit.Core.Processes;

namespace PxeKit.Cli.Tests.Integration;

/// <summary>
/// A relayed DHCPv6 client (issue 16), with real peers: ISC dhclient -6 on one link, ISC dhcrelay -6 on the router
/// between, and <c>pxekit serve</c> on the other link, served as nobody. The client gets an address from the range of its
/// own link and the boot file URL, through the relay both ways.
/// <code>
///   [pxkt-r6-srv] pxktr6S fd00:50::1 ── pxktr6R fd00:50::fe [pxkt-r6-rtr: dhcrelay -6] pxktr6L fd00:51::1 ── pxktr6C [pxkt-r6-cli: dhclient -6]
/// </code>
/// </summary>
[Trait("Category", "Integration")]
public sealed class ServeDhcp6RelayTests : IAsyncLifetime
{
    private const string Server = "pxkt-r6-srv";
    private const string Router = "pxkt-r6-rtr";
    private const string Client = "pxkt-r6-cli";
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-dhcp6-relay-").FullName;
    private BackgroundProcess? _relay;

    public async Task InitializeAsync()
    {
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
        await File.WriteAllTextAsync(Path.Combine(_root, "ipxe.efi"), "an EFI program");
        File.SetUnixFileMode(Path.Combine(_root, "ipxe.efi"), (UnixFileMode)0b110_100_100);
        await DisposeNamespacesAsync();
        foreach (var ns in new[] { Server, Router, Client })
        {
            await Sh.CheckAsync("ip", "netns", "add", ns);
            await Sh.CheckAsync("ip", "-n", ns, "link", "set", "lo", "up");
        }

        await Sh.CheckAsync("ip", "-n", Server, "link", "add", "pxktr6S", "type", "veth", "peer", "name", "pxktr6R", "netns", Router);
        await Sh.CheckAsync("ip", "-n", Router, "link", "add", "pxktr6L", "type", "veth", "peer", "name", "pxktr6C", "netns", Client);
        await Sh.CheckAsync("ip", "-n", Server, "addr", "add", "fd00:50::1/64", "dev", "pxktr6S", "nodad");
        await Sh.CheckAsync("ip", "-n", Server, "addr", "add", "10.50.0.1/24", "dev", "pxktr6S"); // serve needs one, even with --no-dhcp
        await Sh.CheckAsync("ip", "-n", Router, "addr", "add", "fd00:50::fe/64", "dev", "pxktr6R", "nodad");
        await Sh.CheckAsync("ip", "-n", Router, "addr", "add", "fd00:51::1/64", "dev", "pxktr6L", "nodad");
        await Sh.CheckAsync("ip", "netns", "exec", Router, "sysctl", "-q", "-w", "net.ipv6.conf.all.forwarding=1");
        foreach (var (ns, link) in new[] { (Server, "pxktr6S"), (Router, "pxktr6R"), (Router, "pxktr6L"), (Client, "pxktr6C") })
        {
            await Sh.CheckAsync("ip", "-n", ns, "link", "set", link, "up");
        }

        await Sh.CheckAsync("ip", "-n", Server, "route", "add", "fd00:51::/64", "via", "fd00:50::fe");

        // dhcrelay and dhclient bind link-local addresses: each must be past duplicate address detection.
        foreach (var (ns, link) in new[] { (Router, "pxktr6L"), (Client, "pxktr6C") })
        {
            await Eventually.HoldsAsync(
                async () => (await Sh.RunAsync("ip", "-n", ns, "-6", "addr", "show", "dev", link, "scope", "link", "-tentative")).Output.Contains("fe80::", StringComparison.Ordinal),
                TimeSpan.FromSeconds(10));
        }

        // -l: the client's link (Relay-forwards name fd00:51::1 as its link-address); -u: where to forward, PxeKit.
        _relay = BackgroundProcess.Start(
            new Command("ip", "netns", "exec", Router, "dhcrelay", "-d", "-6", "-l", "pxktr6L", "-u", "fd00:50::1%pxktr6R", "-pf", Path.Combine(_root, "dhcrelay.pid")),
            Path.Combine(_root, "dhcrelay.log"));
    }

    public async Task DisposeAsync()
    {
        if (_relay is not null)
        {
            await _relay.DisposeAsync();
        }
        await DisposeNamespacesAsync();
        Directory.Delete(_root, recursive: true);
    }

    [HostFact(Programs = ["dhclient", "dhcrelay"])]
    public async Task Dhclient_behind_dhcrelay_gets_an_address_of_its_own_link_and_the_boot_url_through_the_relay()
    {
        var config = Path.Combine(_root, "pxekit.yaml");
        await File.WriteAllTextAsync(config, """
            dhcp6:
              range: fd00:51::100-fd00:51::1ff
            profiles:
              - name: uefi
                boot: ipxe.efi
            """);
        await using var serve = await ServeProcess.StartAsync(
            Server, "--interface", "pxktr6S", "--root", _root, "--config", config, "--no-dhcp", "--lease-db", ":memory:", "--user", "nobody");

        var (address, url) = await Dhclient6.RunAsync(Client, "pxktr6C", _root,
            () => serve.Output + serve.Error + "\n--- dhcrelay:\n" + _relay!.Output);

        Assert.StartsWith("fd00:51::1", address, StringComparison.Ordinal);
        Assert.Equal("tftp://[fd00:50::1]/ipxe.efi", url);
        await Eventually.HoldsAsync(() => serve.Events.Any(e => e.Step == BootStep.Dhcp6Reply && e.Address == address), TimeSpan.FromSeconds(5));
        Assert.Equal("fd00:50::fe", serve.Events.Single(e => e.Step == BootStep.Dhcp6Reply && e.Address == address).Dhcp6!.RelayAddress);
        Assert.Contains(serve.Events, e => e.Step == BootStep.Dhcp6Solicit && e.Dhcp6!.RelayAddress == "fd00:50::fe" && e.Detail.Contains("relayed by fd00:50::fe", StringComparison.Ordinal));
        Assert.False(serve.HasExited, serve.Error);
    }

    private static async Task DisposeNamespacesAsync()
    {
        foreach (var ns in new[] { Server, Router, Client })
        {
            await Sh.RunAsync("ip", "netns", "del", ns);
        }
    }
}
