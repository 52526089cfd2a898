using System.Net.Sockets;
using System.Text;

namespace PxeKit.Server.Net;

/// <summary>Linux socket options .NET has no names for.</summary>
public static class SocketDevice
{
    private const int SolSocket = 1;
    private const int SoBindToDevice = 25;

    /// <summary>
    /// Binds the socket to one interface (SO_BINDTODEVICE, socket(7)). On Linux a UDP socket bound
    /// to 0.0.0.0 without it receives broadcasts from every interface, and one bound to the
    /// interface's address receives none: this is how a DHCP server listens on one interface only.
    /// </summary>
    public static void BindToDevice(Socket socket, string interfaceName)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);
        var name = new byte[Encoding.ASCII.GetByteCount(interfaceName) + 1];
        Encoding.ASCII.GetBytes(interfaceName, name);
        socket.SetRawSocketOption(SolSocket, SoBindToDevice, name);
    }
}
