using System.Net.Sockets;
using System.Text;

namespace PxeKit.Core.Tests.Systemd;

/// <summary>A datagram socket the test binds, standing where systemd's notify or journal socket would be.</summary>
internal sealed class NotifySocket : IDisposable
{
    private readonly string? _path;

    public NotifySocket(bool isAbstract = false)
    {
        var name = $"pxekit-test-{Guid.NewGuid():N}";
        Socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        if (isAbstract)
        {
            Name = "@" + name;
            Socket.Bind(new UnixDomainSocketEndPoint("\0" + name));
        }
        else
        {
            _path = Path.Combine(Path.GetTempPath(), name);
            Name = _path;
            Socket.Bind(new UnixDomainSocketEndPoint(_path));
        }
    }

    /// <summary>What NOTIFY_SOCKET would say: a path, or '@' and the abstract name.</summary>
    public string Name { get; }

    public Socket Socket { get; }

    /// <summary>The next datagram, waited for at most five seconds.</summary>
    public async Task<byte[]> ReceiveAsync()
    {
        var buffer = new byte[65_536];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        int length = await Socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return buffer[..length];
    }

    public async Task<string> ReceiveTextAsync() => Encoding.UTF8.GetString(await ReceiveAsync());

    public void Dispose()
    {
        Socket.Dispose();
        if (_path is not null)
        {
            File.Delete(_path);
        }
    }
}
