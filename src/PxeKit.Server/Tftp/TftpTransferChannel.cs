using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks.Sources;
using PxeKit.Core.Interop;

namespace PxeKit.Server.Tftp;

/// <summary>
/// The socket of one transfer: a fresh ephemeral port (the server's transfer ID, RFC 1350 section 4),
/// connected to the client's address and port so the kernel drops datagrams from anyone else.
/// Sends block the calling thread. A receive returns at once when a datagram is queued; otherwise it
/// hands back a pending wait that the transfer's <see cref="TftpReactor"/> completes, on its own
/// thread, when the next datagram arrives, when the timeout passes (checked every 10 ms), or when the
/// token is cancelled. The transfer's code then goes on on the reactor's thread up to its next wait.
/// </summary>
internal sealed class TftpTransferChannel : IDisposable, IValueTaskSource<int>
{
    private readonly Socket _socket;
    private readonly TftpReactor _reactor;
    private readonly TimeProvider _time;
    private readonly byte[] _receiveBuffer;
    private readonly Lock _gate = new();
    private readonly ulong _key;
    private int _disposed;

    // The datagram length the kernel cuts sends into (0: none), and whether it refused to for this transfer.
    private int _segmentLength;
    private bool _segmentsRefused;

    // The wait in progress, if any. Its continuation runs inline, on the thread that completes it.
    private ManualResetValueTaskSourceCore<int> _wait;
    private bool _waiting;
    private long _waitStarted;
    private TimeSpan _waitTimeout;
    private CancellationToken _waitToken;

    /// <summary>The most datagrams one <see cref="SendSegments"/> call takes: the kernel's limit before Linux 6.9 (UDP_MAX_SEGMENTS).</summary>
    public const int MaxSegments = 64;

    /// <summary>The most bytes one <see cref="SendSegments"/> call takes: one IPv4 UDP payload.</summary>
    public const int MaxSegmentsLength = 65507;

    private TftpTransferChannel(Socket socket, TftpReactor reactor, TimeProvider time, int receiveBufferLength)
    {
        _socket = socket;
        _reactor = reactor;
        _time = time;
        _receiveBuffer = new byte[receiveBufferLength];
        _key = reactor.Watch(this);
    }

    /// <summary>The transfer's socket, for the reactor to watch.</summary>
    public Socket Socket => _socket;

    /// <summary>The bytes of the last datagram <see cref="ReceiveAsync"/> returned.</summary>
    public ReadOnlySpan<byte> Received(int length) => _receiveBuffer.AsSpan(0, length);

    /// <summary>The same bytes as <see cref="Received"/>, valid until the next receive.</summary>
    public ReadOnlyMemory<byte> ReceivedMemory(int length) => _receiveBuffer.AsMemory(0, length);

    public static TftpTransferChannel Open(IPAddress localAddress, IPEndPoint client, string? device, TftpReactor reactor, TimeProvider time, int receiveBufferLength)
    {
        var socket = CreateBound(new IPEndPoint(localAddress, 0), device);
        try
        {
            socket.Connect(client);
            return new TftpTransferChannel(socket, reactor, time, receiveBufferLength);
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
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = false; // IPv6 only: IPv4 has its own socket on the same port.
            }

            if (!string.IsNullOrEmpty(device))
            {
                SocketOptions.BindToDevice(socket, device);
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
    /// Sends datagrams laid end to end, each <paramref name="length"/> bytes but the last, which may be shorter, as the
    /// kernel cuts them apart (see <see cref="SocketOptions.TrySegmentSends"/>): up to <see cref="MaxSegments"/> of them
    /// in one system call. Where the kernel refuses (a datagram longer than the path's MTU, an interface that cannot
    /// checksum them), they go one by one, and from then on for the whole transfer.
    /// </summary>
    public void SendSegments(ReadOnlySpan<byte> datagrams, int length, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_segmentsRefused && datagrams.Length > length && TrySegmentAs(length))
        {
            try
            {
                _socket.Send(datagrams);
                return;
            }
            catch (SocketException ex) when (ex.NativeErrorCode is LibC.EINVAL or LibC.EIO or LibC.EMSGSIZE)
            {
                // Nothing was sent: the kernel checks before it builds the first datagram.
                _segmentsRefused = true;
                SocketOptions.TrySegmentSends(_socket, 0);
                _segmentLength = 0;
            }
        }

        for (var offset = 0; offset < datagrams.Length; offset += length)
        {
            _socket.Send(datagrams.Slice(offset, Math.Min(length, datagrams.Length - offset)));
        }
    }

    private bool TrySegmentAs(int length)
    {
        if (_segmentLength != length)
        {
            if (!SocketOptions.TrySegmentSends(_socket, length))
            {
                _segmentsRefused = true;
                return false;
            }

            _segmentLength = length;
        }

        return true;
    }

    /// <summary>
    /// The length of the next datagram, or -1 when none came within the timeout (measured with the
    /// injected clock). Throws when the token is cancelled and when the socket reports an error.
    /// </summary>
    public ValueTask<int> ReceiveAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            // Read first and wait only when nothing is queued, both under the gate the reactor takes
            // too: a datagram that arrives in between is then read by the reactor, never missed.
            var length = Epoll.ReceiveNow(_socket, _receiveBuffer);
            if (length >= 0)
            {
                return new ValueTask<int>(length);
            }

            if (timeout <= TimeSpan.Zero)
            {
                return new ValueTask<int>(-1);
            }

            _wait.Reset();
            _waiting = true;
            _waitStarted = _time.GetTimestamp();
            _waitTimeout = timeout;
            _waitToken = cancellationToken;
            return new ValueTask<int>(this, _wait.Version);
        }
    }

    /// <summary>The reactor saw the socket become readable: ends the wait if a datagram is there.</summary>
    internal void OnReadable()
    {
        int length;
        SocketException? error = null;
        lock (_gate)
        {
            if (!_waiting)
            {
                return;
            }

            try
            {
                length = Epoll.ReceiveNow(_socket, _receiveBuffer);
            }
            catch (SocketException ex)
            {
                error = ex;
                length = 0;
            }

            if (length < 0)
            {
                return;
            }

            _waiting = false;
        }

        if (error is null)
        {
            _wait.SetResult(length);
        }
        else
        {
            _wait.SetException(error);
        }
    }

    /// <summary>The reactor's clock ticked: ends the wait if it timed out or was cancelled.</summary>
    internal void OnTick()
    {
        bool cancelled;
        lock (_gate)
        {
            if (!_waiting)
            {
                return;
            }

            cancelled = _waitToken.IsCancellationRequested;
            if (!cancelled && _time.GetElapsedTime(_waitStarted) < _waitTimeout)
            {
                return;
            }

            _waiting = false;
        }

        if (cancelled)
        {
            _wait.SetException(new OperationCanceledException(_waitToken));
        }
        else
        {
            _wait.SetResult(-1);
        }
    }

    int IValueTaskSource<int>.GetResult(short token) => _wait.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _wait.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _wait.OnCompleted(continuation, state, token, flags);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _reactor.Forget(this, _key);
        _socket.Dispose();
    }
}
