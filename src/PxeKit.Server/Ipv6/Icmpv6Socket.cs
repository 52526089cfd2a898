using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using PxeKit.Core.Interop;
using PxeKit.Protocol.Icmpv6;

namespace PxeKit.Server.Ipv6;

/// <summary>
/// A raw ICMPv6 socket on one interface that sees only router solicitations and advertisements (an ICMP6_FILTER, so
/// the neighbour traffic of a busy segment never wakes it) and sends with the hop limit 255 that Neighbor Discovery
/// demands (RFC 4861 section 6.1). Needs CAP_NET_RAW.
/// </summary>
internal sealed class Icmpv6Socket : IDisposable
{
    private const int IpProtoIcmpv6 = 58;
    private const int Icmp6Filter = 1;
    private const int NdHopLimit = 255;
    private static readonly IPAddress AllRouters = IPAddress.Parse("ff02::2");

    private Icmpv6Socket(Socket socket, int interfaceIndex, byte[] mac)
    {
        Socket = socket;
        InterfaceIndex = interfaceIndex;
        LinkLayerAddress = mac;
    }

    public Socket Socket { get; }

    public int InterfaceIndex { get; }

    /// <summary>The interface's MAC, for the source link-layer address option.</summary>
    public byte[] LinkLayerAddress { get; }

    /// <summary>Opens the socket on <paramref name="interfaceName"/>; throws <see cref="SocketException"/> (no CAP_NET_RAW, no IPv6, no such interface).</summary>
    public static Icmpv6Socket Open(string interfaceName)
    {
        var nic = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.Name == interfaceName)
            ?? throw new SocketException((int)SocketError.AddressNotAvailable);
        int index;
        try
        {
            index = nic.GetIPProperties().GetIPv6Properties().Index;
        }
        catch (NetworkInformationException)
        {
            throw new SocketException((int)SocketError.AddressFamilyNotSupported); // IPv6 is off on this interface.
        }

        var socket = new Socket(AddressFamily.InterNetworkV6, SocketType.Raw, ProtocolType.IcmpV6);
        try
        {
            SocketOptions.BindToDevice(socket, interfaceName);
            socket.SetRawSocketOption(IpProtoIcmpv6, Icmp6Filter, PassOnly(Icmpv6Type.RouterSolicitation, Icmpv6Type.RouterAdvertisement));
            socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IpTimeToLive, NdHopLimit);
            socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastTimeToLive, NdHopLimit);
            socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastLoopback, false);
            socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.AddMembership, new IPv6MulticastOption(AllRouters, index));
            socket.Bind(new IPEndPoint(IPAddress.IPv6Any, 0)); // .NET receives only on a bound socket; a raw socket has no port.
            return new Icmpv6Socket(socket, index, nic.GetPhysicalAddress().GetAddressBytes());
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => Socket.Dispose();

    /// <summary>struct icmp6_filter: 256 bits, a set bit blocks that type.</summary>
    private static byte[] PassOnly(params Icmpv6Type[] types)
    {
        var words = new uint[8];
        Array.Fill(words, uint.MaxValue);
        foreach (var type in types)
        {
            words[(int)type >> 5] &= ~(1u << ((int)type & 31));
        }

        var bytes = new byte[32];
        Buffer.BlockCopy(words, 0, bytes, 0, bytes.Length);
        return bytes;
    }
}
