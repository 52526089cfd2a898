using System.Net;
using System.Net.Sockets;
using PxeKit.Server.Net;

namespace PxeKit.Server.Tftp;

/// <summary>
/// The socket of one transfer: a fresh ephemeral port (the server's transfer ID, RFC 1350 section 4),
/// connected to the client's address and port so the kernel drops datagrams from anyone else.
/// Receives wait with a timeout without cancelling the pending receive, so no datagram is lost to a timer.
/// </summary>
internal sealed class TftpTransferChannel : IDisposable
{
    private readonly Socket _socket;
    private readonly TimeProvider _time;
    private readonly byte[] _receiveBuffer;
    private Task<int>? _pendingReceive;

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

    public ValueTask<int> SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken) =>
        _socket.SendAsync(datagram, SocketFlags.None, cancellationToken);

    /// <summary>The length of the next datagram, or -1 when none came within the timeout.</summary>
    public async ValueTask<int> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return -1;
        }

        _pendingReceive ??= _socket.ReceiveAsync(_receiveBuffer, SocketFlags.None, cancellationToken).AsTask();
        try
        {
            var length = await _pendingReceive.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
            _pendingReceive = null;
            return length;
        }
        catch (TimeoutException)
        {
            return -1;
        }
        catch (SocketException)
        {
            _pendingReceive = null;
            throw;
        }
    }

    public void Dispose()
    {
        _socket.Dispose();

        // A receive still pending ends with an error once the socket is closed; observe it.
        _pendingReceive?.ContinueWith(
            static t => _ = t.Exception,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
