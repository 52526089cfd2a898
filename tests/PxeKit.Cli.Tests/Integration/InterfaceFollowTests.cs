using PxeKit.Cli.Tests.Support;
using PxeKit.Core.Events;

namespace PxeKit.Cli.Tests.Integration;

/// <summary>
/// <c>pxekit serve</c> follows its interface: issue 13, where the served interface deleted and created again under its
/// name (a bridge re-created by NetworkManager, a USB NIC plugged again) left the server running, deaf and silent.
/// </summary>
[Trait("Category", "Integration")]
public sealed class InterfaceFollowTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-follow-").FullName;
    private VethNetwork _net = null!;

    public async Task InitializeAsync()
    {
        // Served as nobody, as serve started as root is: binding anew must work with the capabilities it kept.
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
        await File.WriteAllTextAsync(Path.Combine(_root, "boot.bin"), "boot program");
        File.SetUnixFileMode(Path.Combine(_root, "boot.bin"), (UnixFileMode)0b110_100_100);
        _net = await VethNetwork.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _net.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [HostFact(Programs = ["busybox", "tftp"])]
    public async Task An_interface_deleted_and_created_again_is_served_again()
    {
        await using var serve = await StartServeAsync();
        Assert.Equal(VethNetwork.ServerAddress, (await _net.UdhcpcAsync(_root))?.ServerId);

        // Deleting one end of the pair deletes both.
        await Sh.CheckAsync("ip", "-n", _net.ServerNamespace, "link", "del", _net.ServerInterface);
        await Eventually.HoldsAsync(() => serve.Events.Any(e => e is { Step: BootStep.InterfaceGone, Interface.Exists: false }), TimeSpan.FromSeconds(10));
        await RecreatePairAsync(VethNetwork.ServerAddress);
        await Eventually.HoldsAsync(() => serve.Events.Count(e => e.Step == BootStep.ServerReady) == 2, TimeSpan.FromSeconds(10));

        Assert.False(serve.HasExited, serve.Error);
        var back = serve.Events.Single(e => e.Step == BootStep.InterfaceBack);
        Assert.Equal(VethNetwork.ServerAddress, back.Server);
        var lease = await _net.UdhcpcAsync(_root);
        Assert.NotNull(lease);
        Assert.Equal(VethNetwork.ServerAddress, lease.ServerId);
        var fetched = Path.Combine(_root, "fetched.bin");
        var got = await _net.TftpGetAsync("boot.bin", fetched);
        Assert.True(got.ExitCode == 0, got.All);
        Assert.Equal("boot program", await File.ReadAllTextAsync(fetched));
    }

    [HostFact(Programs = ["busybox"])]
    public async Task A_changed_address_is_named_in_the_offers()
    {
        await using var serve = await StartServeAsync();

        await Sh.CheckAsync("ip", "-n", _net.ServerNamespace, "addr", "del", VethNetwork.ServerAddress + "/24", "dev", _net.ServerInterface);
        await Sh.CheckAsync("ip", "-n", _net.ServerNamespace, "addr", "add", "10.48.0.2/24", "dev", _net.ServerInterface);
        await Eventually.HoldsAsync(() => serve.Events.Count(e => e.Step == BootStep.ServerReady) == 2, TimeSpan.FromSeconds(10));

        var changed = serve.Events.Single(e => e.Step == BootStep.InterfaceAddressChanged);
        Assert.Equal("10.48.0.2", changed.Server);
        Assert.Equal(VethNetwork.ServerAddress, changed.Interface?.PreviousAddress);
        var lease = await _net.UdhcpcAsync(_root);
        Assert.NotNull(lease);
        Assert.Equal("10.48.0.2", lease.ServerId);
        Assert.Equal("10.48.0.2", lease.Siaddr);
    }

    private Task<ServeProcess> StartServeAsync() => ServeProcess.StartAsync(
        _net.ServerNamespace, "--interface", _net.ServerInterface, "--root", _root, "--bootfile", "boot.bin",
        "--dhcp-range", "10.48.0.100-10.48.0.110", "--lease-db", Path.Combine(_root, "state", "leases.db"), "--user", "nobody");

    /// <summary>The pair as <see cref="VethNetwork"/> made it, under the same names, the server side with <paramref name="address"/>.</summary>
    private async Task RecreatePairAsync(string address)
    {
        await Sh.CheckAsync("ip", "-n", _net.ServerNamespace, "link", "add", _net.ServerInterface, "type", "veth", "peer", "name", _net.ClientInterface, "netns", _net.ClientNamespace);
        await Sh.CheckAsync("ip", "-n", _net.ServerNamespace, "addr", "add", address + "/24", "dev", _net.ServerInterface);
        await Sh.CheckAsync("ip", "-n", _net.ClientNamespace, "addr", "add", VethNetwork.ClientStaticAddress + "/24", "dev", _net.ClientInterface);
        await Sh.CheckAsync("ip", "-n", _net.ServerNamespace, "link", "set", _net.ServerInterface, "up");
        await Sh.CheckAsync("ip", "-n", _net.ClientNamespace, "link", "set", _net.ClientInterface, "up");
    }
}
