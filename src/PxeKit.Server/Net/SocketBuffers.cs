using System.Net.Sockets;

namespace PxeKit.Server.Net;

/// <summary>Receive buffers for the listeners that a whole rack hits at once.</summary>
public static class SocketBuffers
{
    /// <summary>About 10,000 small datagrams: a rack's burst while the listener is busy for a moment.</summary>
    public const int ListenerReceiveBufferBytes = 4 << 20;

    /// <summary>
    /// A rack powered on at once sends hundreds of requests within a millisecond, and the default
    /// receive buffer (net.core.rmem_default, about 208 KB) holds about 300 small datagrams: the rest
    /// are dropped and their clients wait a whole retransmission timeout. As root, SO_RCVBUFFORCE
    /// goes past net.core.rmem_max; otherwise the kernel grants what rmem_max allows.
    /// </summary>
    public static void Enlarge(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        const int SolSocket = 1;
        const int SoReceiveBufferForce = 33;
        try
        {
            socket.SetRawSocketOption(SolSocket, SoReceiveBufferForce, BitConverter.GetBytes(ListenerReceiveBufferBytes));
        }
        catch (SocketException)
        {
            socket.ReceiveBufferSize = ListenerReceiveBufferBytes;
        }
    }
}
