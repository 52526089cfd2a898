using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace PxeKit.Core.Interop;

/// <summary>
/// One epoll(7) instance with an eventfd(2) to wake its waiter, and the non-blocking recv(2) that goes
/// with it: what a thread needs to wait on many sockets at once, which .NET does not expose.
/// Every socket is watched edge-triggered, keyed by a number the caller chooses (never its descriptor,
/// which the kernel reuses once a socket is closed). Linux only.
/// </summary>
public sealed class Epoll : IDisposable
{
    /// <summary>The key <see cref="Wait"/> reports when <see cref="Wake"/> was called.</summary>
    public const ulong WakeKey = ulong.MaxValue;


    private const int CloseOnExec = 0x80000;      // EPOLL_CLOEXEC, EFD_CLOEXEC (02000000)
    private const int NonBlocking = 0x800;        // EFD_NONBLOCK (04000)
    private const int DontWait = 0x40;            // MSG_DONTWAIT
    private const int Add = 1;                    // EPOLL_CTL_ADD
    private const int Delete = 2;                 // EPOLL_CTL_DEL
    private const uint Readable = 0x001;          // EPOLLIN
    private const uint EdgeTriggered = 1u << 31;  // EPOLLET

    // struct epoll_event is packed on x86_64 (12 bytes, data at offset 4) and naturally aligned
    // elsewhere (16 bytes, data at offset 8).
    private static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;
    private static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    // An eventfd counter is 8 bytes in host order: 1 to wake, any 8 bytes to drain.
    private static readonly byte[] One = BitConverter.GetBytes(1UL);

    private readonly int _epoll;
    private readonly int _wake;
    private readonly byte[] _events;
    private readonly byte[] _drained = new byte[8];
    private int _disposed;

    /// <summary>Creates the instance; <paramref name="capacity"/> bounds the events one wait returns.</summary>
    /// <exception cref="SocketException">The kernel refused an epoll or eventfd descriptor.</exception>
    public Epoll(int capacity)
    {
        _events = new byte[capacity * EventSize];
        _epoll = LibC.EpollCreate1(CloseOnExec);
        if (_epoll < 0)
        {
            throw ErrorOf(Marshal.GetLastPInvokeError());
        }

        _wake = LibC.EventFd(0, CloseOnExec | NonBlocking);
        if (_wake < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            _ = LibC.Close(_epoll);
            throw ErrorOf(errno);
        }

        Control(Add, _wake, WakeKey);
    }

    /// <summary>Watches a socket for datagrams; <see cref="Wait"/> reports <paramref name="key"/> for it.</summary>
    public void Watch(Socket socket, ulong key) => Control(Add, (int)socket.Handle, key);

    /// <summary>Stops watching a socket (before it is closed, so no stale event names its key).</summary>
    public void Forget(Socket socket) => Control(Delete, (int)socket.Handle, 0);

    /// <summary>Wakes the thread in <see cref="Wait"/>; callable from any thread.</summary>
    public void Wake()
    {
        // After Dispose the descriptor number may belong to another file: write nothing to it.
        if (Volatile.Read(ref _disposed) == 0)
        {
            _ = LibC.Write(_wake, One, One.Length);
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> (-1: no limit) and returns how many events are ready;
    /// read each with <see cref="KeyAt"/>. A wake-up is drained here and reported as <see cref="WakeKey"/>.
    /// </summary>
    public int Wait(int timeoutMs)
    {
        var count = LibC.EpollWait(_epoll, _events, _events.Length / EventSize, timeoutMs);
        if (count < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == LibC.EINTR ? 0 : throw ErrorOf(errno);
        }

        for (var i = 0; i < count; i++)
        {
            if (KeyAt(i) == WakeKey)
            {
                _ = LibC.Read(_wake, _drained, _drained.Length);
            }
        }

        return count;
    }

    /// <summary>The key of the <paramref name="index"/>th event of the last <see cref="Wait"/>.</summary>
    public ulong KeyAt(int index) =>
        BinaryPrimitives.ReadUInt64LittleEndian(_events.AsSpan((index * EventSize) + DataOffset, 8));

    /// <summary>
    /// Reads one datagram without blocking: its length, or -1 when none is queued.
    /// </summary>
    /// <exception cref="SocketException">The socket reported an error (an ICMP port unreachable, say).</exception>
    public static int ReceiveNow(Socket socket, byte[] buffer)
    {
        while (true)
        {
            var length = LibC.Recv(socket.SafeHandle, buffer, buffer.Length, DontWait);
            if (length >= 0)
            {
                return (int)length;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.EAGAIN)
            {
                return -1;
            }

            if (errno != LibC.EINTR)
            {
                throw ErrorOf(errno);
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _ = LibC.Close(_wake);
            _ = LibC.Close(_epoll);
        }
    }

    // Called from any thread: the event description is built in a buffer of its own.
    private void Control(int operation, int descriptor, ulong key)
    {
        var control = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(control, Readable | EdgeTriggered);
        BinaryPrimitives.WriteUInt64LittleEndian(control.AsSpan(DataOffset), key);
        if (LibC.EpollCtl(_epoll, operation, descriptor, control) < 0)
        {
            throw ErrorOf(Marshal.GetLastPInvokeError());
        }
    }

    private static SocketException ErrorOf(int errno) => new((int)(errno switch
    {
        LibC.ECONNREFUSED => SocketError.ConnectionRefused,
        LibC.ENETUNREACH => SocketError.NetworkUnreachable,
        LibC.EHOSTUNREACH => SocketError.HostUnreachable,
        _ => SocketError.SocketError,
    }));
}
