using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace PxeKit.Core.Interop;

/// <summary>
/// A <c>struct sockaddr_ll</c> (packet(7)), which .NET has no endpoint for: the interface index, the
/// EtherType, and for sending the destination MAC.
/// </summary>
internal sealed class LinkLayerEndPoint(int interfaceIndex, ushort etherType, byte[] mac) : EndPoint
{
    // struct sockaddr_ll { u16 family; be16 protocol; s32 ifindex; u16 hatype; u8 pkttype; u8 halen; u8 addr[8]; }
    private const int Size = 20;
    private const int ProtocolOffset = 2;
    private const int IndexOffset = 4;
    private const int AddressLengthOffset = 11;
    private const int AddressOffset = 12;

    public override AddressFamily AddressFamily => AddressFamily.Packet;

    public override SocketAddress Serialize()
    {
        var address = new SocketAddress(AddressFamily.Packet, Size);
        Span<byte> bytes = stackalloc byte[Size];
        BinaryPrimitives.WriteUInt16BigEndian(bytes[ProtocolOffset..], etherType);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[IndexOffset..], interfaceIndex);
        bytes[AddressLengthOffset] = (byte)mac.Length;
        mac.CopyTo(bytes[AddressOffset..]);
        // Bytes 0-1 (the family) are SocketAddress's own.
        for (int i = 2; i < Size; i++)
        {
            address[i] = bytes[i];
        }

        return address;
    }

    public override EndPoint Create(SocketAddress socketAddress) => this;
}
