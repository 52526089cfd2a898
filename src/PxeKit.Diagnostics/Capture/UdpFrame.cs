using System.Buffers.Binary;
using System.Net;

namespace PxeKit.Diagnostics.Capture;

/// <summary>The UDP payload of an Ethernet II / IPv4 frame, and its addresses; anything else is not one.</summary>
public readonly record struct UdpFrame(IPAddress Source, int SourcePort, IPAddress Destination, int DestinationPort, ReadOnlyMemory<byte> Payload)
{
    private const int EthernetHeaderLength = 14;
    private const ushort EtherTypeIpv4 = 0x0800;
    private const byte ProtocolUdp = 17;
    private const int UdpHeaderLength = 8;

    /// <summary>Reads an Ethernet frame (RFC 894, RFC 791, RFC 768); false for anything that is not UDP over IPv4 or is cut short.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> frame, out UdpFrame udp)
    {
        udp = default;
        var span = frame.Span;
        if (span.Length < EthernetHeaderLength + 20 + UdpHeaderLength || BinaryPrimitives.ReadUInt16BigEndian(span[12..]) != EtherTypeIpv4)
        {
            return false;
        }

        var ip = span[EthernetHeaderLength..];
        int headerLength = (ip[0] & 0x0f) * 4;
        if ((ip[0] >> 4) != 4 || headerLength < 20 || ip[9] != ProtocolUdp || ip.Length < headerLength + UdpHeaderLength)
        {
            return false;
        }

        var header = ip[headerLength..];
        int length = BinaryPrimitives.ReadUInt16BigEndian(header[4..]);
        if (length < UdpHeaderLength || length > header.Length)
        {
            return false;
        }

        int payloadStart = EthernetHeaderLength + headerLength + UdpHeaderLength;
        udp = new UdpFrame(
            new IPAddress(ip.Slice(12, 4)),
            BinaryPrimitives.ReadUInt16BigEndian(header),
            new IPAddress(ip.Slice(16, 4)),
            BinaryPrimitives.ReadUInt16BigEndian(header[2..]),
            frame.Slice(payloadStart, length - UdpHeaderLength));
        return true;
    }
}
