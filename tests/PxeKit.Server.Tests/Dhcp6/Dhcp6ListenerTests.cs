using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp6;
using PxeKit.Server.Boot;
using PxeKit.Server.Dhcp6;
using PxeKit.Server.Leases;
using PxeKit.Server.Tests.Support;

namespace PxeKit.Server.Tests.Dhcp6;

/// <summary>The listener in a namespace of the test's own, against ISC dhclient -6 in another, over a veth pair.</summary>
public sealed class Dhcp6ListenerTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-dhcp6-").FullName;
    private Ipv6Link _link = null!;

    public async Task InitializeAsync() => _link = await Ipv6Link.CreateAsync();

    public async Task DisposeAsync()
    {
        await _link.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [HostTheory(Programs = ["ip", "dhclient"])]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Dhclient_gets_an_address_from_the_range_stored_before_the_reply_and_the_boot_url(bool rapidCommit)
    {
        var journal = new RecordingJournal();
        using var store = new SqliteLeaseStore(Path.Combine(_root, "leases.db"));
        var settings = new Dhcp6Settings { RangeStart = IPAddress.Parse("fd00:48::100"), RangeEnd = IPAddress.Parse("fd00:48::1ff") };
        Assert.True(Dhcp6AddressRange.TryCreate(settings.RangeStart!, settings.RangeEnd!, out var range, out _));
        var policy = new ProfileBootPolicy([new BootProfile { Name = "any", Program = "ipxe.efi" }], new IpxeBinaries(), null, new InMemoryBootOnceStore());
        using var server = _link.InServerNamespace(() => new Dhcp6Server(
            settings, _link.ServerInterface, [2, 0, 0, 0, 0x48, 1], IPAddress.Parse(Ipv6Link.ServerAddress), policy, store, journal, NullLoggerFactory.Instance));
        using var stop = new CancellationTokenSource();
        var running = server.RunAsync(stop.Token);

        var (address, url) = await DhclientAsync(rapidCommit ? "send dhcp6.rapid-commit;\n" : "");
        await stop.CancelAsync();
        await running;

        Assert.True(range.Contains(IPAddress.Parse(address)), address);
        Assert.Equal("tftp://[fd00:48::1]/ipxe.efi", url);
        var lease = Assert.Single(store.LoadAll());
        Assert.Equal(IPAddress.Parse(address), lease.Address);
        Assert.True(lease.Client.IsIdentifier);
        var reply = await journal.WaitForAsync(e => e.Step == BootStep.Dhcp6Reply);
        Assert.Equal(address, reply.Address);
        Assert.Equal(url, reply.File);
        // With rapid commit the Solicit is answered by the Reply that binds, and nothing is advertised.
        Assert.Equal(!rapidCommit, journal.Events.Any(e => e.Step == BootStep.Dhcp6Advertise));
        Assert.Equal(rapidCommit, reply.Dhcp6!.RapidCommit);
    }

    [HostFact(Programs = ["ip", "dhclient"])]
    public async Task Boot_only_mode_answers_a_stateless_dhclient_with_the_boot_url_and_binds_nothing()
    {
        var journal = new RecordingJournal();
        var policy = new ProfileBootPolicy([new BootProfile { Name = "any", Program = "ipxe.efi" }], new IpxeBinaries(), null, new InMemoryBootOnceStore());
        var responder = new Dhcp6Responder(Dhcp6Duid.LinkLayer([2, 0, 0, 0, 0x48, 1]), policy, journal, NullLogger.Instance, TimeProvider.System);
        var handler = new Dhcp6BootOnlyHandler(responder, new Dhcp6Settings { Mode = Dhcp6Mode.BootOnly });
        using var listener = _link.InServerNamespace(() => new Dhcp6Listener(
            _link.ServerInterface, IPAddress.Parse(Ipv6Link.ServerAddress), handler, Dhcp6Mode.BootOnly, journal, NullLogger<Dhcp6Listener>.Instance));
        using var stop = new CancellationTokenSource();
        var running = listener.RunAsync(stop.Token);

        var (address, url) = await DhclientAsync("", "-S");
        await stop.CancelAsync();
        await running;

        Assert.Equal("", address);
        Assert.Equal("tftp://[fd00:48::1]/ipxe.efi", url);
        var reply = await journal.WaitForAsync(e => e.Step == BootStep.Dhcp6Reply);
        Assert.Null(reply.Address);
        Assert.Contains(journal.Events, e => e.Step == BootStep.Dhcp6Request && e.Dhcp6!.MessageType == Dhcp6MessageType.InformationRequest);
    }

    private Task<(string Address, string Url)> DhclientAsync(string extraConfig = "", params string[] flags) =>
        Dhclient6.RunAsync(_link.ClientNamespace, _link.ClientInterface, _root, () => "", extraConfig, flags);
}
