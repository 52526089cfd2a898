using System.Net;
using PxeKit.Core.Events;
using PxeKit.Server.Boot;
using PxeKit.Server.Dhcp;

namespace PxeKit.Host.Tests;

/// <summary>What a reload applies and what it leaves for a restart, compared by content (issue 14, reload).</summary>
public sealed class ReloadChangesTests
{
    private static readonly IPAddress Server = IPAddress.Parse("10.47.0.1");

    private static readonly ServeSettings Running = new()
    {
        Interfaces = [new ServedInterface("eth1", Server)],
        Root = "/srv/tftp",
        Mode = ServeMode.Full,
        LeaseDb = "/var/lib/pxekit/leases.db",
        Scopes = [Scope("10.47.0.100", "10.47.0.199")],
        Profiles = [new BootProfile { Name = "bios", Program = "pxelinux.0", Match = new ProfileMatch { Macs = new HashSet<string> { "52:54:00:00:00:01" } } }],
    };

    [Fact]
    public void The_same_configuration_read_again_changes_nothing()
    {
        // Read again: equal content in new lists and sets.
        var again = Running with
        {
            Scopes = [Scope("10.47.0.100", "10.47.0.199")],
            Profiles = [new BootProfile { Name = "bios", Program = "pxelinux.0", Match = new ProfileMatch { Macs = new HashSet<string> { "52:54:00:00:00:01" } } }],
        };

        var facts = ReloadChanges.Compare(Running, again);

        Assert.Empty(facts.Applied);
        Assert.Empty(facts.NeedsRestart);
        Assert.Empty(facts.ProfilesChanged);
        Assert.Empty(facts.ScopesChanged);
    }

    [Fact]
    public void Profiles_and_scopes_are_named_as_added_removed_or_changed()
    {
        var next = Running with
        {
            Scopes = [Scope("10.47.0.100", "10.47.0.149")],
            Profiles = [new BootProfile { Name = "uefi", Program = "grubx64.efi" }, Running.Profiles[0] with { Program = "lpxelinux.0" }],
        };

        var facts = ReloadChanges.Compare(Running, next);

        Assert.Equal([ReloadSetting.Profiles, ReloadSetting.Scopes], facts.Applied);
        Assert.Equal(["uefi"], facts.ProfilesAdded);
        Assert.Equal(["bios"], facts.ProfilesChanged);
        Assert.Empty(facts.ProfilesRemoved);
        Assert.Equal(["10.47.0.0/24"], facts.ScopesChanged);
        Assert.Equal(next.Scopes, ReloadChanges.Applied(Running, next).Scopes);
    }

    [Fact]
    public void What_the_listeners_were_opened_with_is_reported_and_kept()
    {
        var next = Running with
        {
            LeaseDb = "/tmp/leases.db",
            HttpPort = 8080,
            Mode = ServeMode.Proxy,
            Scopes = [],
            TftpLimits = new() { MaxTransfers = 3 },
        };

        var facts = ReloadChanges.Compare(Running, next);
        var applied = ReloadChanges.Applied(Running, next);

        Assert.Equal([ReloadSetting.LeaseDb, ReloadSetting.Mode, ReloadSetting.HttpPort, ReloadSetting.TftpLimits], facts.NeedsRestart);
        Assert.Empty(facts.Applied);
        Assert.Equal(Running with { Profiles = applied.Profiles }, applied);
    }

    [Fact]
    public void The_root_and_tftp_writes_are_applied()
    {
        var next = Running with { Root = "/srv/other", AllowWrite = true };

        var facts = ReloadChanges.Compare(Running, next);

        Assert.Equal([ReloadSetting.Root, ReloadSetting.AllowWrite], facts.Applied);
        Assert.Empty(facts.NeedsRestart);
        var applied = ReloadChanges.Applied(Running, next);
        Assert.Equal(("/srv/other", true), (applied.Root, applied.AllowWrite));
    }

    [Fact]
    public void Answering_router_solicitations_needs_a_restart_and_is_kept_as_it_runs()
    {
        var quiet = Running with { RouterAdvertisements = PxeKit.Server.Ipv6.RouterAdvertisementMode.Quiet };

        Assert.Equal([ReloadSetting.RouterAdvertisements], ReloadChanges.Compare(Running, quiet).NeedsRestart);
        Assert.Equal(Running.RouterAdvertisements, ReloadChanges.Applied(Running, quiet).RouterAdvertisements);
    }

    [Fact]
    public void The_boot_api_and_its_timeout_need_a_restart_and_are_kept_as_they_run()
    {
        var withApi = Running with { BootApi = new Uri("http://provisioner:8080") };
        var next = withApi with { BootApi = new Uri("http://other:8080"), BootApiTimeout = TimeSpan.FromSeconds(9) };

        Assert.Equal([ReloadSetting.BootApi], ReloadChanges.Compare(Running, withApi).NeedsRestart);
        Assert.Equal([ReloadSetting.BootApi], ReloadChanges.Compare(withApi, next).NeedsRestart);
        Assert.Empty(ReloadChanges.Compare(withApi, withApi with { BootApi = new Uri("http://provisioner:8080") }).NeedsRestart);
        var applied = ReloadChanges.Applied(withApi, next);
        Assert.Equal((withApi.BootApi, withApi.BootApiTimeout), (applied.BootApi, applied.BootApiTimeout));
    }

    [Fact]
    public void Turning_the_arp_probe_on_needs_a_restart_turning_it_off_does_not()
    {
        var off = Running with { Scopes = [Running.Scopes[0] with { ProbeBeforeOffer = false }] };

        Assert.Contains(ReloadSetting.ProbeBeforeOffer, ReloadChanges.Compare(off, Running).NeedsRestart);
        Assert.DoesNotContain(ReloadSetting.ProbeBeforeOffer, ReloadChanges.Compare(Running, off).NeedsRestart);
    }

    private static DhcpScope Scope(string first, string last) => new()
    {
        Interface = "eth1",
        ServerAddress = Server,
        SubnetMask = IPAddress.Parse("255.255.255.0"),
        RangeStart = IPAddress.Parse(first),
        RangeEnd = IPAddress.Parse(last),
        DnsServers = [Server],
        Reservations = [new DhcpReservation("52:54:00:00:00:09", IPAddress.Parse("10.47.0.9"))],
    };
}
