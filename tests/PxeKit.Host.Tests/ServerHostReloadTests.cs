using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PxeKit.Core.Events;
using PxeKit.Core.Net;
using PxeKit.Server.Boot;

namespace PxeKit.Host.Tests;

/// <summary>
/// A reload swaps what the running host serves without binding anything anew (issue 14, reload): on a fake clock, the
/// listeners real, on loopback.
/// </summary>
// One at a time: a test here counts the sockets the whole process holds.
[Collection("host sockets")]
public sealed class ServerHostReloadTests : IDisposable
{
    private static readonly InterfaceLink Loopback = new(1, IPAddress.Loopback);

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("pxekit-host-");
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingSink _journal = new();
    private volatile InterfaceLink? _link = Loopback;

    private ServeSettings Settings => LoopbackSettings.TftpOnly(_root.FullName) with
    {
        Profiles = [new BootProfile { Name = "old", Program = "old.0" }],
    };

    // Root: the TFTP listener is bound to its interface.
    [HostFact]
    public async Task A_profile_change_is_served_from_then_on_and_nothing_is_bound_anew()
    {
        await using var host = new ServerHost(Settings, [_journal], NullLoggerFactory.Instance, _time, _ => _link);
        await host.StartAsync(CancellationToken.None);
        var port = host.TftpEndPoint!.Port;

        var reloaded = host.Reload(Settings with { Profiles = [new BootProfile { Name = "new", Program = "new.0" }] });

        Assert.Equal(BootStep.ReloadApplied, reloaded.Step);
        Assert.Same(reloaded, Assert.Single(_journal.Events, e => e.Step == BootStep.ReloadApplied));
        Assert.Equal(["new"], reloaded.Reload!.ProfilesAdded);
        Assert.Equal(["old"], reloaded.Reload.ProfilesRemoved);
        Assert.Equal([ReloadSetting.Profiles], reloaded.Reload.Applied);
        Assert.Equal("new", Assert.Single(host.Current.Profiles).Name);
        Assert.Single(_journal.Events, e => e.Step == BootStep.ServerReady);
        Assert.Equal(port, host.TftpEndPoint!.Port);
    }

    [HostFact]
    public async Task A_change_that_needs_a_restart_is_reported_and_not_applied()
    {
        await using var host = new ServerHost(Settings, [_journal], NullLoggerFactory.Instance, _time, _ => _link);
        await host.StartAsync(CancellationToken.None);
        var port = host.TftpEndPoint!.Port;

        var reloaded = host.Reload(Settings with { TftpPort = 6969, HttpPort = 8080, LeaseDb = "/tmp/other.db" });

        Assert.Equal([ReloadSetting.LeaseDb, ReloadSetting.HttpPort, ReloadSetting.TftpPort], reloaded.Reload!.NeedsRestart);
        Assert.Empty(reloaded.Reload.Applied);
        Assert.Equal(Settings.LeaseDb, host.Current.LeaseDb);
        Assert.Null(host.Current.HttpPort);
        Assert.Equal(port, host.TftpEndPoint!.Port);
    }

    [HostFact(Programs = ["tftp"])]
    public async Task A_new_root_serves_the_next_transfer()
    {
        var other = Directory.CreateDirectory(Path.Combine(_root.FullName, "other"));
        await File.WriteAllTextAsync(Path.Combine(_root.FullName, "boot.bin"), "from the old root");
        await File.WriteAllTextAsync(Path.Combine(other.FullName, "boot.bin"), "from the new root");
        await using var host = new ServerHost(Settings, [_journal], NullLoggerFactory.Instance, _time, _ => _link);
        await host.StartAsync(CancellationToken.None);
        Assert.Equal("from the old root", await FetchAsync(host));

        var reloaded = host.Reload(Settings with { Root = other.FullName });

        Assert.Equal([ReloadSetting.Root], reloaded.Reload!.Applied);
        Assert.Equal("from the new root", await FetchAsync(host));
    }

    [HostFact]
    public async Task A_refused_reload_keeps_the_running_configuration_and_journals_every_error()
    {
        await using var host = new ServerHost(Settings, [_journal], NullLoggerFactory.Instance, _time, _ => _link);
        await host.StartAsync(CancellationToken.None);

        var refused = host.RefuseReload(["the boot file x.0 is not in the root /srv", "mode 'half' is neither full nor proxy"]);

        Assert.Equal(BootStep.ReloadRefused, Assert.Single(_journal.Events, e => e.Step == BootStep.ReloadRefused).Step);
        Assert.Equal(2, refused.Reload!.Errors.Count);
        Assert.Equal("old", Assert.Single(host.Current.Profiles).Name);
    }

    [HostFact]
    public async Task A_reload_outlives_the_listeners_being_bound_anew_for_a_new_address()
    {
        await using var host = new ServerHost(Settings, [_journal], NullLoggerFactory.Instance, _time, _ => _link);
        await host.StartAsync(CancellationToken.None);
        host.Reload(Settings with { Profiles = [new BootProfile { Name = "new", Program = "new.0" }] });

        _link = Loopback with { Address = IPAddress.Parse("127.0.0.2") };
        await Eventually.HoldsAsync(() =>
        {
            _time.Advance(InterfaceWatch.DefaultPeriod);
            return _journal.Events.Count(e => e.Step == BootStep.ServerReady) == 2;
        });

        Assert.Equal("new", Assert.Single(host.Current.Profiles).Name);
        Assert.Equal(IPAddress.Parse("127.0.0.2"), host.Current.Interfaces[0].Address);
    }

    [HostFact(Programs = ["tftp"])]
    public async Task The_templates_directory_is_rendered_from_the_start_and_a_reload_without_it_serves_the_files_as_they_are()
    {
        const string Template = "server={{ server }} ip={{ ip }}\n";
        Directory.CreateDirectory(Path.Combine(_root.FullName, "templates"));
        await File.WriteAllTextAsync(Path.Combine(_root.FullName, "templates", "boot.cfg"), Template);
        var settings = Settings with { Templates = "templates" };
        await using var host = new ServerHost(settings, [_journal], NullLoggerFactory.Instance, _time, _ => _link);
        await host.StartAsync(CancellationToken.None);
        Assert.Equal("server=127.0.0.1 ip=127.0.0.1\n", await FetchAsync(host, "templates/boot.cfg"));

        var reloaded = host.Reload(settings with { Templates = null });

        Assert.Equal([ReloadSetting.Templates], reloaded.Reload!.Applied);
        Assert.Equal(Template, await FetchAsync(host, "templates/boot.cfg"));
    }

    public void Dispose() => _root.Delete(recursive: true);

    private async Task<string> FetchAsync(ServerHost host, string file = "boot.bin")
    {
        var destination = Path.Combine(_root.FullName, $"fetched-{Guid.NewGuid():N}");
        var fetch = await Sh.RunAsync("tftp", "127.0.0.1", host.TftpEndPoint!.Port.ToString(CultureInfo.InvariantCulture), "-c", "get", file, destination);
        Assert.True(fetch.ExitCode == 0, fetch.All);
        return await File.ReadAllTextAsync(destination);
    }
}
