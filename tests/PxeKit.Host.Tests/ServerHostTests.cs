using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using PxeKit.Core.Events;

namespace PxeKit.Host.Tests;

/// <summary>
/// The host embedded in the test's own process, as a library: started, awaited until ready, asked for a file by a
/// real TFTP client (tftp-hpa), stopped. On loopback, TFTP on a port the system picks, no DHCP, no capture, no HTTP.
/// </summary>
public sealed class ServerHostTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("pxekit-host-");

    private ServeSettings Settings => LoopbackSettings.TftpOnly(_root.FullName);

    // Root: the TFTP listener is bound to its interface (SO_BINDTODEVICE needs CAP_NET_RAW).
    [HostFact(Programs = ["tftp"])]
    public async Task Embedded_host_is_ready_serves_a_file_and_leaves_no_socket_bound_when_stopped()
    {
        var content = new byte[70_000];
        new Random(12).NextBytes(content);
        await File.WriteAllBytesAsync(Path.Combine(_root.FullName, "boot.bin"), content);
        var journal = new RecordingSink();
        var socketsBefore = OpenSockets();

        var host = new ServerHost(Settings, [journal], NullLoggerFactory.Instance);
        await host.StartAsync(CancellationToken.None);

        var ready = await host.Ready;
        Assert.Equal(BootStep.ServerReady, ready.Step);
        Assert.Contains(journal.Events, e => e.Step == BootStep.ServerReady);
        var port = host.TftpEndPoint?.Port ?? 0;
        Assert.NotEqual(0, port);

        var destination = Path.Combine(_root.FullName, "fetched.bin");
        var fetch = await Sh.RunAsync("tftp", "-m", "binary", "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), "-c", "get", "boot.bin", destination);
        Assert.True(fetch.ExitCode == 0, fetch.All);
        Assert.Equal(content, await File.ReadAllBytesAsync(destination));
        await Eventually.HoldsAsync(() => journal.Events.Any(e => e.Step == BootStep.TftpComplete));

        await host.DisposeAsync();

        Assert.True(host.Completion!.IsCompleted);
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Any, port)); // throws AddressAlreadyInUse when the listener outlived the host
        // Every socket the host opened is closed: the only one this process holds now that it did not hold before is the
        // probe. (A count would also see sockets of earlier tests' clients that closed meanwhile.)
        Assert.Single(OpenSockets().Except(socketsBefore));
    }

    [HostFact]
    public async Task Host_that_cannot_bind_says_why_from_StartAsync_and_Ready()
    {
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        holder.Bind(new IPEndPoint(IPAddress.Any, 0));
        var taken = ((IPEndPoint)holder.LocalEndPoint!).Port;

        await using var host = new ServerHost(Settings with { TftpPort = taken }, [], NullLoggerFactory.Instance);

        var e = await Assert.ThrowsAsync<SocketException>(() => host.StartAsync(CancellationToken.None));
        Assert.Equal(SocketError.AddressAlreadyInUse, e.SocketErrorCode);
        await Assert.ThrowsAsync<SocketException>(() => host.Ready);
    }

    public void Dispose() => _root.Delete(recursive: true);

    /// <summary>The sockets this process holds open (<c>socket:[INODE]</c>), from its descriptor table.</summary>
    private static HashSet<string> OpenSockets() =>
        [.. new DirectoryInfo("/proc/self/fd").GetFileSystemInfos().Select(fd => fd.LinkTarget).OfType<string>().Where(target => target.StartsWith("socket:", StringComparison.Ordinal))];
}
