using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PxeKit.Core.Systemd;

namespace PxeKit.Host.Tests;

/// <summary>
/// The host as a <c>Type=notify</c> service: what systemd would read from its notify socket, here a socket the test
/// binds. READY=1 comes with what is served once TFTP is bound, the watchdog while it runs, STOPPING=1 when stopped.
/// </summary>
public sealed class ServerHostSystemdTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("pxekit-host-");
    private readonly string _socketPath = Path.Combine(Path.GetTempPath(), $"pxekit-notify-{Guid.NewGuid():N}");

    // Root: the TFTP listener is bound to its interface (SO_BINDTODEVICE needs CAP_NET_RAW).
    [HostFact]
    public async Task Systemd_is_told_ready_with_what_is_served_then_the_watchdog_then_stopping()
    {
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint(_socketPath));
        using var notifier = new SystemdNotifier(_socketPath, watchdog: TimeSpan.FromMilliseconds(50));
        var host = new ServerHost(LoopbackSettings.TftpOnly(_root.FullName), [], NullLoggerFactory.Instance) { Notifier = notifier };

        await host.StartAsync(CancellationToken.None);

        var port = host.TftpEndPoint!.Port;
        Assert.Equal($"READY=1\nSTATUS=serving TFTP ({port}) on lo", await ReceiveAsync(systemd));
        Assert.Equal("WATCHDOG=1", await ReceiveAsync(systemd));
        Assert.Equal("WATCHDOG=1", await ReceiveAsync(systemd));

        await host.StopAsync();

        string said;
        do
        {
            said = await ReceiveAsync(systemd);
        }
        while (said == "WATCHDOG=1");
        Assert.StartsWith("STOPPING=1\nSTATUS=", said, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _root.Delete(recursive: true);
        File.Delete(_socketPath);
    }

    private static async Task<string> ReceiveAsync(Socket socket)
    {
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return Encoding.UTF8.GetString(buffer, 0, await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token));
    }
}
