using System.Net;
using System.Net.Sockets;
using PxeKit.Server.Net;

namespace PxeKit.Server.Tftp;

/// <summary>
/// The socket of one transfer: a fresh ephemeral port (the server's transfer ID, RFC 1350 section 4),
/// connected to the client's address and port so the kernel drops datagrams from anyone else.
/// Sends and receives block the calling thread and complete synchronously: every transfer runs on a
/// thread of its own (see <see cref="TftpServer"/>), so a round trip costs two system calls instead of
/// two hops between the socket engine and the thread pool, which halved lock-step throughput.
/// A receive waits in recv(2) itself, bounded by SO_RCVTIMEO, so no datagram is consumed by a timeout.
/// </summary>
internal sealed class TftpTransferChannel : IDisposable
{
    // How long one receive may block before the cancellation token is looked at again.
    private static readonly TimeSpan WaitSlice = TimeSpan.FromMilliseconds(100);

    private readonly Socket _socket;
    private readonly TimeProvider _time;
    private readonly byte[] _receiveBuffer;
    private int _receiveTimeoutMs;

    private TftpTransferChannel(Socket socket, TimeProvider time, int receiveBufferLength)
    {
        _socket = socket;
        _time = time;
        _receiveBuffer = new byte[receiveBufferLength];
    }

    /// <summary>The bytes of the last datagram <see cref="ReceiveAsync"/> returned.</summary>
    public ReadOnlySpan<byte> Received(int length) => _receiveBuffer.AsSpan(0, length);

    /// <summary>The same bytes as <see cref="Received"/>, valid until the next receive.</summary>
    public ReadOnlyMemory<byte> ReceivedMemory(int length) => _receiveBuffer.AsMemory(0, length);

    public static TftpTransferChannel Open(IPAddress localAddress, IPEndPoint client, string? device, TimeProvider time, int receiveBufferLength)
    {
        var socket = CreateBound(new IPEndPoint(localAddress, 0), device);
        try
        {
            socket.Connect(client);
            return new TftpTransferChannel(socket, time, receiveBufferLength);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>A UDP socket bound to the end point, and to the interface when one is named.</summary>
    public static Socket CreateBound(IPEndPoint endPoint, string? device)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (!string.IsNullOrEmpty(device))
            {
                SocketDevice.BindToDevice(socket, device);
            }

            socket.Bind(endPoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends one datagram; completes synchronously.</summary>
    public ValueTask<int> SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_socket.Send(datagram.Span));
    }

    /// <summary>
    /// The length of the next datagram, or -1 when none came within the timeout (measured with the
    /// injected clock). Completes synchronously; throws when the token is cancelled.
    /// </summary>
    public ValueTask<int> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var left = timeout - _time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return ValueTask.FromResult(-1);
            }

            WaitAtMost(left < WaitSlice ? left : WaitSlice);
            try
            {
                return ValueTask.FromResult(_socket.Receive(_receiveBuffer));
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                // The slice ran out with nothing received: look at the token and the clock again.
            }
        }
    }

    // SO_RCVTIMEO, set only when it changes: a lock-step round trip is then one recv(2) instead of
    // poll(2) and recv(2), and nearly every wait is a full slice.
    private void WaitAtMost(TimeSpan wait)
    {
        var milliseconds = Math.Max(1, (int)Math.Ceiling(wait.TotalMilliseconds));
        if (milliseconds != _receiveTimeoutMs)
        {
            _socket.ReceiveTimeout = milliseconds;
            _receiveTimeoutMs = milliseconds;
        }
    }

    public void Dispose() => _socket.Dispose();
}
