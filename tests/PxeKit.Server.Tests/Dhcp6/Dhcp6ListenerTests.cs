using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp6;
using PxeKit.Server.Boot;
using PxeKit.Server.Dhcp6;
using PxeKit.Server.Leases;
using PxeKit.Server.Tests.Support;

namespace PxeKit.Server.Tests.Dhcp6;

/// <summary>The listener in a namespace of the test's own, against ISC dhclient -6 in another, over a veth pair.</summary>
public sealed partial class Dhcp6ListenerTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-dhcp6-").FullName;
    private Ipv6Link _link = null!;

    public async Task InitializeAsync() => _link = await Ipv6Link.CreateAsync();

    public async Task DisposeAsync()
    {
        await _link.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [HostFact(Programs = ["ip", "dhclient"])]
    public async Task Dhclient_gets_an_address_from_the_range_stored_before_the_reply_and_the_boot_url()
    {
        var journal = new RecordingJournal();
        using var store = new SqliteLeaseStore(Path.Combine(_root, "leases.db"));
        var settings = new Dhcp6Settings { RangeStart = IPAddress.Parse("fd00:48::100"), RangeEnd = IPAddress.Parse("fd00:48::1ff") };
        Assert.True(Dhcp6AddressRange.TryCreate(settings.RangeStart!, settings.RangeEnd!, out var range, out _));
        var policy = new ProfileBootPolicy([new BootProfile { Name = "any", Program = "ipxe.efi" }], new IpxeBinaries(), null, new InMemoryBootOnceStore());
        var responder = new Dhcp6Responder(Dhcp6Duid.LinkLayer([2, 0, 0, 0, 0x48, 1]), policy, journal, NullLogger.Instance, TimeProvider.System);
        var handler = new Dhcp6FullHandler(responder, new Dhcp6Bindings(store, range, settings.ValidLifetime, TimeProvider.System), settings, NullLogger<Dhcp6FullHandler>.Instance);
        using var listener = _link.InServerNamespace(() => new Dhcp6Listener(
            _link.ServerInterface, IPAddress.Parse(Ipv6Link.ServerAddress), handler, Dhcp6Mode.Full, journal, NullLogger<Dhcp6Listener>.Instance));
        using var stop = new CancellationTokenSource();
        var running = listener.RunAsync(stop.Token);

        var (address, url) = await DhclientAsync();
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
        Assert.Contains(journal.Events, e => e.Step == BootStep.Dhcp6Advertise);
    }

    /// <summary>dhclient -6 once, with a script that prints the address and option 59 instead of configuring anything.</summary>
    private async Task<(string Address, string Url)> DhclientAsync()
    {
        var output = Path.Combine(_root, "dhclient.out");
        var script = Path.Combine(_root, "dhclient.sh");
        await File.WriteAllTextAsync(script, $"#!/bin/sh\n[ \"$reason\" = BOUND6 ] && echo \"BOUND address=$new_ip6_address url=$new_dhcp6_bootfile_url\" >> {output}\nexit 0\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = Path.Combine(_root, "dhclient.conf");
        await File.WriteAllTextAsync(config, "option dhcp6.bootfile-url code 59 = string;\nalso request dhcp6.bootfile-url;\n");
        var pid = Path.Combine(_root, "dhclient.pid");
        try
        {
            var result = await Sh.InNamespaceAsync(_link.ClientNamespace, TimeSpan.FromSeconds(60),
                "dhclient", "-6", "-1", "-v", "-cf", config, "-sf", script, "-lf", Path.Combine(_root, "dhclient.leases"), "-pf", pid, _link.ClientInterface);
            Assert.True(result.ExitCode == 0, result.All);
            var text = File.Exists(output) ? await File.ReadAllTextAsync(output) : "";
            var bound = Bound().Match(text);
            Assert.True(bound.Success, text + result.All);
            return (bound.Groups[1].Value, bound.Groups[2].Value);
        }
        finally
        {
            // dhclient goes to the background once bound: end it by the PID it wrote.
            if (File.Exists(pid) && int.TryParse((await File.ReadAllTextAsync(pid)).Trim(), out int id))
            {
                await Sh.RunAsync("kill", id.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    [GeneratedRegex(@"BOUND address=(\S+) url=(\S*)")]
    private static partial Regex Bound();
}
