using System.Net.Sockets;
using System.Text;

namespace PxeKit.Core.Interop;

/// <summary>The Linux socket options PxeKit sets that .NET has no names for (socket(7)).</summary>
public static class SocketOptions
{
    /// <summary>About 10,000 small datagrams: a rack's burst while the listener is busy for a moment.</summary>
    public const int ListenerReceiveBufferBytes = 4 << 20;

    private const int SolSocket = 1;
    private const int SoBindToDevice = 25;
    private const int SoReceiveBufferForce = 33;
    private const int SolUdp = 17;
    private const int UdpSegment = 103;

    /// <summary>
    /// Binds the socket to one interface (SO_BINDTODEVICE). On Linux a UDP socket bound to 0.0.0.0
    /// without it receives broadcasts from every interface, and one bound to the interface's address
    /// receives none: this is how a DHCP server listens on one interface only.
    /// </summary>
    public static void BindToDevice(Socket socket, string interfaceName)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);
        var name = new byte[Encoding.ASCII.GetByteCount(interfaceName) + 1];
        Encoding.ASCII.GetBytes(interfaceName, name);
        socket.SetRawSocketOption(SolSocket, SoBindToDevice, name);
    }

    /// <summary>
    /// A rack powered on at once sends hundreds of requests within a millisecond, and the default
    /// receive buffer (net.core.rmem_default, about 208 KB) holds about 300 small datagrams: the rest
    /// are dropped and their clients wait a whole retransmission timeout. As root, SO_RCVBUFFORCE
    /// goes past net.core.rmem_max; otherwise the kernel grants what rmem_max allows.
    /// </summary>
    public static void EnlargeReceiveBuffer(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        try
        {
            socket.SetRawSocketOption(SolSocket, SoReceiveBufferForce, BitConverter.GetBytes(ListenerReceiveBufferBytes));
        }
        catch (SocketException)
        {
            socket.ReceiveBufferSize = ListenerReceiveBufferBytes;
        }
    }

    /// <summary>
    /// Asks the kernel to cut every send longer than <paramref name="length"/> into datagrams of that length (UDP_SEGMENT,
    /// udp(7), Linux 4.18): a run of datagrams then costs one system call and one trip down the stack. 0 turns it off.
    /// False where the kernel has no such option.
    /// </summary>
    public static bool TrySegmentSends(Socket socket, int length)
    {
        ArgumentNullException.ThrowIfNull(socket);
        try
        {
            socket.SetRawSocketOption(SolUdp, UdpSegment, BitConverter.GetBytes(length));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
