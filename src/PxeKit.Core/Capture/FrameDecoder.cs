using System.Buffers.Binary;
using System.Net;
using PacketDotNet;

namespace PxeKit.Core.Capture;

/// <summary>
/// Finds the UDP datagram or TCP segment in a frame. PacketDotNet reads the link layer (Ethernet with or
/// without a VLAN tag, Linux cooked SLL and SLL2, raw IP); the IPv4, UDP and TCP headers are read here,
/// because a capture with a snap length cuts frames short and the lengths in those headers still tell
/// how much was sent.
/// </summary>
public static class FrameDecoder
{
    private const ushort EtherTypeIpv4 = 0x0800;
    private const byte ProtocolTcp = 6;
    private const byte ProtocolUdp = 17;
    private const int UdpHeaderLength = 8;
    private const int MinTcpHeaderLength = 20;
    private const int EthernetHeaderLength = 14;
    private const int SllHeaderLength = 16;
    private const int Sll2HeaderLength = 20;

    /// <summary>False for anything that is not UDP or TCP over IPv4, a later fragment, or too short to read the headers.</summary>
    public static bool TryDecode(in CapturedFrame frame, out WireSegment segment)
    {
        segment = default;
        int start = IpStart(frame);
        if (start < 0)
        {
            return false;
        }

        return TryDecodeIp(frame, start, out segment);
    }

    // RFC 791 section 3.1, RFC 768, RFC 9293 section 3.1.
    private static bool TryDecodeIp(in CapturedFrame frame, int start, out WireSegment segment)
    {
        segment = default;
        var ip = frame.Data.Span[start..];
        if (ip.Length < 20 || ip[0] >> 4 != 4)
        {
            return false;
        }

        int headerLength = (ip[0] & 0x0f) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        int fragmentOffset = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]) & 0x1fff;
        byte protocol = ip[9];
        // An IHL past the bytes captured is a broken (or hostile) frame, not a short capture of a good one.
        if (headerLength < 20 || headerLength > ip.Length || totalLength < headerLength || fragmentOffset != 0 || protocol is not (ProtocolUdp or ProtocolTcp))
        {
            return false;
        }

        var source = new IPAddress(ip.Slice(12, 4));
        var destination = new IPAddress(ip.Slice(16, 4));
        var transport = ip[headerLength..];
        int transportStart = start + headerLength;
        if (protocol == ProtocolUdp)
        {
            if (transport.Length < UdpHeaderLength)
            {
                return false;
            }

            int udpLength = BinaryPrimitives.ReadUInt16BigEndian(transport[4..]);
            if (udpLength < UdpHeaderLength)
            {
                return false;
            }

            int captured = Math.Min(udpLength, transport.Length) - UdpHeaderLength;
            segment = new WireSegment(
                frame.Time, source, BinaryPrimitives.ReadUInt16BigEndian(transport), destination, BinaryPrimitives.ReadUInt16BigEndian(transport[2..]),
                false, frame.Data.Slice(transportStart + UdpHeaderLength, captured), udpLength - UdpHeaderLength);
            return true;
        }

        if (transport.Length < MinTcpHeaderLength)
        {
            return false;
        }

        int tcpHeaderLength = (transport[12] >> 4) * 4;
        if (tcpHeaderLength < MinTcpHeaderLength || transport.Length < tcpHeaderLength)
        {
            return false;
        }

        int payloadLength = Math.Max(0, totalLength - headerLength - tcpHeaderLength);
        int tcpCaptured = Math.Min(payloadLength, transport.Length - tcpHeaderLength);
        segment = new WireSegment(
            frame.Time, source, BinaryPrimitives.ReadUInt16BigEndian(transport), destination, BinaryPrimitives.ReadUInt16BigEndian(transport[2..]),
            true, frame.Data.Slice(transportStart + tcpHeaderLength, tcpCaptured), payloadLength);
        return true;
    }

    /// <summary>Where the IPv4 header starts in the frame, or -1 when the frame does not carry IPv4.</summary>
    private static int IpStart(in CapturedFrame frame)
    {
        // LINKTYPE_IPV4 (228) is raw IPv4 too; PacketDotNet has no name for it.
        if (frame.LinkType is LinkLayers.Raw or LinkLayers.RawLegacy || (int)frame.LinkType == 228)
        {
            return 0;
        }

        int minimum = frame.LinkType switch
        {
            LinkLayers.Ethernet => EthernetHeaderLength,
            LinkLayers.LinuxSll => SllHeaderLength,
            LinkLayers.LinuxSll2 => Sll2HeaderLength,
            _ => 0,
        };
        if (minimum == 0 || frame.Data.Length < minimum)
        {
            return -1;
        }

        try
        {
            return LinkHeader(frame, Packet.ParsePacket(frame.LinkType, frame.Data.ToArray()));
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or InvalidOperationException or NotImplementedException or OverflowException)
        {
            // PacketDotNet throws (sometimes lazily, on a header's first use) for frames it cannot frame:
            // to the trace they are simply not IP.
            return -1;
        }
    }

    private static int LinkHeader(in CapturedFrame frame, Packet packet)
    {
        int offset;
        ushort type;
        switch (packet)
        {
            case EthernetPacket ethernet:
                offset = ethernet.HeaderData.Length;
                type = (ushort)ethernet.Type;
                break;
            case LinuxSllPacket sll:
                offset = sll.HeaderData.Length;
                type = (ushort)sll.EthernetProtocolType;
                break;
            case LinuxSll2Packet sll2:
                offset = sll2.HeaderData.Length;
                type = (ushort)sll2.EthernetProtocolType;
                break;
            default:
                return -1;
        }

        // 802.1Q and 802.1ad: a VLAN tag of 4 bytes sits between the link header and the IP packet.
        while (type is 0x8100 or 0x88a8 && frame.Data.Length >= offset + 4)
        {
            type = BinaryPrimitives.ReadUInt16BigEndian(frame.Data.Span[(offset + 2)..]);
            offset += 4;
        }

        return type == EtherTypeIpv4 ? offset : -1;
    }
}
