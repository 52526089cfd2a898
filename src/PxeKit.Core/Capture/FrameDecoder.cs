using System.Buffers.Binary;
using System.Net;
using PacketDotNet;

namespace PxeKit.Core.Capture;

/// <summary>
/// Finds the UDP datagram, TCP segment or ICMPv6 message in a frame. PacketDotNet reads the link layer (Ethernet with
/// or without a VLAN tag, Linux cooked SLL and SLL2, raw IP); the IPv4, IPv6 (<c>FrameDecoder.Ipv6.cs</c>), UDP and TCP
/// headers are read here, because a capture with a snap length cuts frames short and the lengths in those headers
/// still tell how much was sent. Bounded and never throws: a frame it cannot read is simply not a segment.
/// </summary>
public static partial class FrameDecoder
{
    private const ushort EtherTypeIpv4 = 0x0800;
    private const ushort EtherTypeIpv6 = 0x86dd;
    private const byte ProtocolTcp = 6;
    private const byte ProtocolUdp = 17;
    private const byte ProtocolIcmpv6 = 58;
    private const int Ipv4MinHeaderLength = 20;
    private const int UdpHeaderLength = 8;
    private const int MinTcpHeaderLength = 20;
    private const int Icmpv6HeaderLength = 4;
    private const int EthernetHeaderLength = 14;
    private const int SllHeaderLength = 16;
    private const int Sll2HeaderLength = 20;

    // LINKTYPE_IPV4 (228) and LINKTYPE_IPV6 (229) are raw IP too; PacketDotNet has no names for them.
    private const int LinkTypeIpv4 = 228;
    private const int LinkTypeIpv6 = 229;

    /// <summary>
    /// False for anything that is not UDP or TCP over IPv4 or IPv6, or ICMPv6; for a later fragment; for a frame too
    /// short to read the headers.
    /// </summary>
    public static bool TryDecode(in CapturedFrame frame, out WireSegment segment)
    {
        segment = default;
        int start = IpStart(frame);
        if (start < 0 || start >= frame.Data.Length)
        {
            return false;
        }

        return (frame.Data.Span[start] >> 4) switch
        {
            4 => TryDecodeIpv4(frame, start, out segment),
            6 => TryDecodeIpv6(frame, start, out segment),
            _ => false,
        };
    }

    // RFC 791 section 3.1.
    private static bool TryDecodeIpv4(in CapturedFrame frame, int start, out WireSegment segment)
    {
        segment = default;
        var ip = frame.Data.Span[start..];
        if (ip.Length < Ipv4MinHeaderLength)
        {
            return false;
        }

        int headerLength = (ip[0] & 0x0f) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        int fragmentOffset = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]) & 0x1fff;
        byte protocol = ip[9];
        // An IHL past the bytes captured is a broken (or hostile) frame, not a short capture of a good one.
        if (headerLength < Ipv4MinHeaderLength || headerLength > ip.Length || totalLength < headerLength || fragmentOffset != 0
            || protocol is not (ProtocolUdp or ProtocolTcp))
        {
            return false;
        }

        var source = new IPAddress(ip.Slice(12, 4));
        var destination = new IPAddress(ip.Slice(16, 4));
        return TryDecodeTransport(frame, protocol, source, destination, start + headerLength, totalLength - headerLength, out segment);
    }

    /// <summary>
    /// The transport header at <paramref name="transportStart"/>, whose IP header says it is <paramref name="wireLength"/>
    /// bytes long with its payload. RFC 768, RFC 9293 section 3.1, RFC 4443 section 2.1.
    /// </summary>
    private static bool TryDecodeTransport(in CapturedFrame frame, byte protocol, IPAddress source, IPAddress destination, int transportStart, int wireLength, out WireSegment segment)
    {
        segment = default;
        var transport = frame.Data.Span[transportStart..];
        if (protocol == ProtocolIcmpv6)
        {
            if (transport.Length < Icmpv6HeaderLength || wireLength < Icmpv6HeaderLength)
            {
                return false;
            }

            segment = new WireSegment(frame.Time, source, 0, destination, 0, WireTransport.Icmpv6,
                frame.Data.Slice(transportStart, Math.Min(wireLength, transport.Length)), wireLength);
            return true;
        }

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
                WireTransport.Udp, frame.Data.Slice(transportStart + UdpHeaderLength, captured), udpLength - UdpHeaderLength);
            return true;
        }

        if (protocol != ProtocolTcp || transport.Length < MinTcpHeaderLength)
        {
            return false;
        }

        int tcpHeaderLength = (transport[12] >> 4) * 4;
        if (tcpHeaderLength < MinTcpHeaderLength || transport.Length < tcpHeaderLength)
        {
            return false;
        }

        int payloadLength = Math.Max(0, wireLength - tcpHeaderLength);
        int tcpCaptured = Math.Min(payloadLength, transport.Length - tcpHeaderLength);
        segment = new WireSegment(
            frame.Time, source, BinaryPrimitives.ReadUInt16BigEndian(transport), destination, BinaryPrimitives.ReadUInt16BigEndian(transport[2..]),
            WireTransport.Tcp, frame.Data.Slice(transportStart + tcpHeaderLength, tcpCaptured), payloadLength);
        return true;
    }

    /// <summary>Where the IP header starts in the frame, or -1 when the frame carries neither IPv4 nor IPv6.</summary>
    private static int IpStart(in CapturedFrame frame)
    {
        if (frame.LinkType is LinkLayers.Raw or LinkLayers.RawLegacy || (int)frame.LinkType is LinkTypeIpv4 or LinkTypeIpv6)
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

        return type is EtherTypeIpv4 or EtherTypeIpv6 ? offset : -1;
    }
}
