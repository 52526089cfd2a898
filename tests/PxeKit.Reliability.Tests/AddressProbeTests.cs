using System.Text.RegularExpressions;
using PxeKit.Core.Events;
using PxeKit.Reliability.Tests.Support;
using PxeKit.Server.Dhcp;
using Xunit.Abstractions;

namespace PxeKit.Reliability.Tests;

/// <summary>
/// RFC 2131 section 4.4.1, with real peers: a third host on the link already uses the address the pool would offer
/// next (it answers ARP for it), and busybox udhcpc asks for an address. The server's ARP probe finds the squatter,
/// withholds that OFFER, names the address once, and the client's next DISCOVER gets another address.
/// </summary>
[Trait("Category", "Reliability")]
public sealed partial class AddressProbeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string FirstAddress = "10.49.0.100";
    private const string SquatterMac = "02:00:00:5a:5a:01";
    private readonly string _root = Directory.CreateTempSubdirectory("pxr-probe-").FullName;
    private PxrNetwork _net = null!;
    private string _script = "";

    private string SquatterNamespace => _net.ClientNamespace.Replace("-c", "-q", StringComparison.Ordinal);

    public async Task InitializeAsync()
    {
        PxrTools.Require("busybox", "busybox");
        Directory.CreateDirectory(Path.Combine(_root, "tftp"));
        _script = await PxrUdhcpc.WriteScriptAsync(_root);
        _net = await PxrNetwork.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await Sh.RunAsync("ip", "netns", "del", SquatterNamespace);
        await _net.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [HostFact]
    public async Task A_squatted_address_is_not_offered_the_client_gets_another_and_the_squatter_is_named_once()
    {
        await AddSquatterAsync();
        await using var serve = await StartServeAsync(probe: true);

        await _net.SetClientMacAsync("52:54:00:5a:00:01");
        var first = await UdhcpcAsync();
        await _net.SetClientMacAsync("52:54:00:5a:00:02");
        var second = await UdhcpcAsync();
        output.WriteLine($"with {FirstAddress} squatted by {SquatterMac}: the clients got {first} and {second}");

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotEqual(FirstAddress, first);
        Assert.NotEqual(FirstAddress, second);
        await Eventually.HoldsAsync(() => InUse(serve).Any());
        var named = Assert.Single(InUse(serve));
        Assert.Equal(FirstAddress, named.Address);
        Assert.Equal(SquatterMac, named.Dhcp!.ClaimedBy);
        Assert.DoesNotContain(serve.Events, e => e.Step == BootStep.DhcpOffer && e.Address == FirstAddress);
    }

    [HostFact]
    public async Task A_free_address_is_offered_once_its_probe_went_unanswered()
    {
        await using var serve = await StartServeAsync(probe: true);

        await _net.SetClientMacAsync("52:54:00:5a:00:03");
        var address = await UdhcpcAsync();

        Assert.Equal(FirstAddress, address);
        await Eventually.HoldsAsync(() => serve.Events.Any(e => e.Step == BootStep.DhcpOffer));
        // The offer waited for the probe's bound (nobody answered), and no longer than a moment past it.
        var discover = serve.Events.First(e => e.Step == BootStep.DhcpDiscover);
        var offer = serve.Events.First(e => e.Step == BootStep.DhcpOffer);
        var held = offer.Time - discover.Time;
        output.WriteLine($"a free address: DISCOVER to OFFER in {held.TotalMilliseconds:F0} ms (probe bound {ArpAddressProbe.Bound.TotalMilliseconds:F0} ms)");
        Assert.InRange(held, ArpAddressProbe.Bound - TimeSpan.FromMilliseconds(20), ArpAddressProbe.Bound + TimeSpan.FromSeconds(1));
        Assert.Empty(InUse(serve));
    }

    [HostFact]
    public async Task With_probing_off_the_squatted_address_is_offered()
    {
        await AddSquatterAsync();
        await using var serve = await StartServeAsync(probe: false);

        await _net.SetClientMacAsync("52:54:00:5a:00:04");

        Assert.Equal(FirstAddress, await UdhcpcAsync());
        Assert.Empty(InUse(serve));
    }

    private static IEnumerable<BootEvent> InUse(ServeProcess serve) =>
        serve.Events.Where(e => e.Dhcp?.IgnoreReason == DhcpIgnoreReason.AddressInUse);

    /// <summary>A third host on the client's link (a macvlan of its veth, in a namespace of its own) that uses the first address of the range.</summary>
    private async Task AddSquatterAsync()
    {
        string nic = _net.ClientInterface[..^1] + "q";
        await Sh.CheckAsync("ip", "netns", "add", SquatterNamespace);
        await Sh.CheckAsync("ip", "-n", _net.ClientNamespace, "link", "add", nic, "link", _net.ClientInterface, "address", SquatterMac, "type", "macvlan", "mode", "bridge");
        await Sh.CheckAsync("ip", "-n", _net.ClientNamespace, "link", "set", nic, "netns", SquatterNamespace);
        await Sh.CheckAsync("ip", "-n", SquatterNamespace, "addr", "add", FirstAddress + "/24", "dev", nic);
        await Sh.CheckAsync("ip", "-n", SquatterNamespace, "link", "set", nic, "up");
    }

    private async Task<ServeProcess> StartServeAsync(bool probe)
    {
        var config = Path.Combine(_root, "pxekit.yaml");
        await File.WriteAllTextAsync(config, $"""
            interface: {_net.ServerInterface}
            dhcp:
              range: {FirstAddress}-10.49.0.149
              probe: {(probe ? "true" : "false")}
            """);
        return await ServeProcess.StartAsync(_net.ServerNamespace,
            "--config", config, "--root", Path.Combine(_root, "tftp"), "--lease-db", ":memory:", "--no-capture", "--http-port", "0");
    }

    private async Task<string?> UdhcpcAsync()
    {
        var result = await PxrUdhcpc.RunAsync(_net, _script);
        var match = LeaseLine().Match(result.Output);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"LEASE ip=(\S+)")]
    private static partial Regex LeaseLine();
}
