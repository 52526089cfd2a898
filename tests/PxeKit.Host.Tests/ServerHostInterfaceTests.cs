using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PxeKit.Core.Events;
using PxeKit.Core.Net;

namespace PxeKit.Host.Tests;

/// <summary>
/// The host follows its interface (issue 13: an interface created again left the server deaf and silent): what the
/// host is told of the interface is played here, on a fake clock; the listeners are real, on loopback.
/// </summary>
public sealed class ServerHostInterfaceTests : IDisposable
{
    private static readonly InterfaceLink Loopback = new(1, IPAddress.Loopback);

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("pxekit-host-");
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingSink _journal = new();
    private volatile InterfaceLink? _link = Loopback;

    private ServeSettings Settings => LoopbackSettings.TftpOnly(_root.FullName);

    // Root: the TFTP listener is bound to its interface.
    [HostFact]
    public async Task While_the_interface_is_gone_the_listeners_are_closed_and_when_it_is_back_they_are_bound_again()
    {
        await using var host = new ServerHost(Settings, [_journal], NullLoggerFactory.Instance, _time, _ => _link);
        await host.StartAsync(CancellationToken.None);
        var port = host.TftpEndPoint!.Port;

        _link = null;
        await TickUntilAsync(() => _journal.Events.Any(e => e.Step == BootStep.InterfaceGone));
        await Eventually.HoldsAsync(() => IsFree(port));

        // Said once, however long it stays away.
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(InterfaceWatch.DefaultPeriod);
        }

        Assert.Single(_journal.Events, e => e.Step == BootStep.InterfaceGone);
        Assert.False(host.Completion!.IsCompleted);

        _link = Loopback with { Index = 7 };
        await TickUntilAsync(() => _journal.Events.Count(e => e.Step == BootStep.ServerReady) == 2);
        var back = Assert.Single(_journal.Events, e => e.Step == BootStep.InterfaceBack);
        Assert.Equal(7, back.Interface?.Index);
        Assert.False(IsFree(host.TftpEndPoint!.Port));
    }

    [HostFact]
    public async Task A_new_address_is_journaled_and_served()
    {
        await using var host = new ServerHost(Settings, [_journal], NullLoggerFactory.Instance, _time, _ => _link);
        await host.StartAsync(CancellationToken.None);

        _link = Loopback with { Address = IPAddress.Parse("127.0.0.2") };
        await TickUntilAsync(() => _journal.Events.Count(e => e.Step == BootStep.ServerReady) == 2);

        var changed = Assert.Single(_journal.Events, e => e.Step == BootStep.InterfaceAddressChanged);
        Assert.Equal("127.0.0.2", changed.Server);
        Assert.Equal("127.0.0.1", changed.Interface?.PreviousAddress);
        Assert.Equal("127.0.0.2", _journal.Events.Last(e => e.Step == BootStep.ServerReady).Server);
        Assert.DoesNotContain(_journal.Events, e => e.Step is BootStep.InterfaceGone or BootStep.InterfaceBack);
    }

    [HostFact]
    public async Task An_unchanged_interface_binds_nothing_anew()
    {
        await using var host = new ServerHost(Settings, [_journal], NullLoggerFactory.Instance, _time, _ => _link);
        await host.StartAsync(CancellationToken.None);

        for (var i = 0; i < 5; i++)
        {
            _time.Advance(InterfaceWatch.DefaultPeriod);
        }

        Assert.Single(_journal.Events, e => e.Step == BootStep.ServerReady);
    }

    public void Dispose() => _root.Delete(recursive: true);

    /// <summary>Moves the fake clock a period at a time until <paramref name="condition"/> holds.</summary>
    private async Task TickUntilAsync(Func<bool> condition) => await Eventually.HoldsAsync(() =>
    {
        _time.Advance(InterfaceWatch.DefaultPeriod);
        return condition();
    });

    private static bool IsFree(int port)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            probe.Bind(new IPEndPoint(IPAddress.Any, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
