using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace PxeKit.Core.Interop;

/// <summary>
/// An AF_PACKET socket for ARP (packet(7)) bound to one interface: it sends ARP probes and reads the ARP
/// packets the interface sees. Datagram mode: the kernel writes and strips the Ethernet header, so what
/// goes in and out is the 28-byte ARP body of RFC 826. Opening it needs CAP_NET_RAW, so it is opened
/// once at start, before the process gives its privileges up. Linux only.
/// </summary>
public sealed class ArpSocket : IDisposable
{
    /// <summary>The ARP body for Ethernet and IPv4 (RFC 826): hardware type, protocol type, two lengths, op, two MAC/IPv4 pairs.</summary>
    public const int PacketLength = 28;

    private const ushort EthernetProtocolArp = 0x0806; // ETH_P_ARP
    private const ushort HardwareEthernet = 1;          // ARPHRD_ETHER
    private const ushort ProtocolIPv4 = 0x0800;
    private const ushort OpRequest = 1;                 // ARPOP_REQUEST
    private const ushort OpReply = 2;                   // ARPOP_REPLY

    private static readonly byte[] Broadcast = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff];

    private readonly Socket _socket;
    private readonly int _index;
    private readonly byte[] _mac;

    private ArpSocket(Socket socket, int index, byte[] mac)
    {
        _socket = socket;
        _index = index;
        _mac = mac;
    }

    /// <summary>The interface's own MAC, the sender of every probe.</summary>
    public PhysicalAddress Mac => new(_mac);

    /// <summary>Opens the socket on <paramref name="interfaceName"/>. Throws <see cref="SocketException"/> without CAP_NET_RAW.</summary>
    public static ArpSocket Open(string interfaceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceName);
        var nic = NetworkInterface.GetAllNetworkInterfaces().FirstOrDefault(n => n.Name == interfaceName)
            ?? throw new SocketException((int)SocketError.AddressNotAvailable);
        int index = nic.GetIPProperties().GetIPv4Properties()?.Index ?? throw new SocketException((int)SocketError.AddressNotAvailable);
        var mac = nic.GetPhysicalAddress().GetAddressBytes();
        if (mac.Length != 6)
        {
            throw new SocketException((int)SocketError.AddressFamilyNotSupported);
        }

        // The protocol of an AF_PACKET socket is the EtherType in network byte order.
        var socket = new Socket(AddressFamily.Packet, SocketType.Dgram, (ProtocolType)BinaryPrimitives.ReverseEndianness(EthernetProtocolArp));
        try
        {
            socket.Bind(new LinkLayerEndPoint(index, EthernetProtocolArp, new byte[6]));
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new ArpSocket(socket, index, mac);
    }

    /// <summary>
    /// Broadcasts an ARP probe for <paramref name="target"/> (RFC 5227 section 2.1.1: sender IPv4 address
    /// 0.0.0.0, so no host's ARP cache learns anything from it). A host that uses the address replies.
    /// </summary>
    public ValueTask SendProbeAsync(IPAddress target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var packet = new byte[PacketLength];
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(0), HardwareEthernet);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), ProtocolIPv4);
        packet[4] = 6;
        packet[5] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), OpRequest);
        _mac.CopyTo(packet, 8);           // sender MAC; sender IPv4 (14..17) stays 0.0.0.0
                                          // target MAC (18..23) stays zero: unknown
        target.TryWriteBytes(packet.AsSpan(24), out _);
        return SendAsync(packet, cancellationToken);
    }

    private async ValueTask SendAsync(byte[] packet, CancellationToken cancellationToken) =>
        await _socket.SendToAsync(packet, SocketFlags.None, new LinkLayerEndPoint(_index, EthernetProtocolArp, Broadcast), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Waits for the next ARP packet on the interface that claims an IPv4 address (a reply, or a request
    /// with a sender address: a gratuitous ARP or a host asking): the address and the MAC claiming it.
    /// Other packets, and this socket's own probes, are skipped.
    /// </summary>
    public async ValueTask<(IPAddress Address, PhysicalAddress Mac)> ReceiveClaimAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64];
        while (true)
        {
            int length = await _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (length < PacketLength
                || BinaryPrimitives.ReadUInt16BigEndian(buffer) != HardwareEthernet
                || BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(2)) != ProtocolIPv4
                || buffer[4] != 6 || buffer[5] != 4)
            {
                continue;
            }

            ushort op = BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(6));
            var sender = new IPAddress(buffer.AsSpan(14, 4));
            if ((op != OpReply && op != OpRequest) || sender.Equals(IPAddress.Any) || buffer.AsSpan(8, 6).SequenceEqual(_mac))
            {
                continue;
            }

            return (sender, new PhysicalAddress(buffer.AsSpan(8, 6).ToArray()));
        }
    }

    public void Dispose() => _socket.Dispose();
}
