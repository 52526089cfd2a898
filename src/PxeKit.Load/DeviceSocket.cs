using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PxeKit.Load;

/// <summary>
/// UDP sockets bound to one network interface (SO_BINDTODEVICE, socket(7)), broadcast allowed: what the load
/// generators and the conformance probe send never leaves another interface, whatever the routes say.
/// </summary>
public static class DeviceSocket
{
    private const int SolSocket = 1;
    private const int SoBindToDevice = 25;

    /// <summary>A socket on <paramref name="device"/>, bound to <paramref name="local"/> with SO_REUSEADDR.</summary>
    public static Socket Bound(string device, IPEndPoint local)
    {
        ArgumentException.ThrowIfNullOrEmpty(device);
        ArgumentNullException.ThrowIfNull(local);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.SetRawSocketOption(SolSocket, SoBindToDevice, Encoding.ASCII.GetBytes(device + "\0"));
            socket.EnableBroadcast = true;
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(local);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
