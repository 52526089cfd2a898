using System.Buffers.Binary;
using System.Net;
using PacketDotNet;
using PxeKit.Core.Capture;

namespace PxeKit.Core.Tests.Capture;

/// <summary>IPv6 in the one frame decoder (FrameDecoder.Ipv6.cs): the fixed header, extension headers, fragments, ICMPv6, and garbage.</summary>
public sealed class FrameDecoderIpv6Tests
{
    private const string Client = "fe80::5054:ff:fe12:3456";
    private const string Servers = "ff02::1:2";
    private static readonly byte[] Payload = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08];

    [Fact]
    public void An_ethernet_frame_gives_its_udp_datagram_over_ipv6()
    {
        var frame = Frame(17, Udp(546, 547, Payload));

        Assert.True(FrameDecoder.TryDecode(At(frame), out var udp));

        Assert.Equal((IPAddress.Parse(Client), 546, IPAddress.Parse(Servers), 547, WireTransport.Udp), (udp.Source, udp.SourcePort, udp.Destination, udp.DestinationPort, udp.Transport));
        Assert.Equal(Payload, udp.Payload.ToArray());
    }

    [Fact]
    public void Hop_by_hop_routing_and_destination_options_are_stepped_over()
    {
        byte[] headers =
        [
            43, 0, 0, 0, 0, 0, 0, 0,              // hop-by-hop options: next is routing, 8 bytes (Hdr Ext Len 0), PadN
            60, 0, 0, 0, 0, 0, 0, 0,              // routing header: next is destination options, 8 bytes
            17, 1, 0, 0, 0, 0, 0, 0,              // destination options: next is UDP, 16 bytes (Hdr Ext Len 1)
            0, 0, 0, 0, 0, 0, 0, 0,
        ];
        var frame = Frame(0, [.. headers, .. Udp(546, 547, Payload)]);

        Assert.True(FrameDecoder.TryDecode(At(frame), out var udp));

        Assert.Equal((546, 547, 8), (udp.SourcePort, udp.DestinationPort, udp.PayloadLength));
        Assert.Equal(Payload, udp.Payload.ToArray());
    }

    [Fact]
    public void A_first_fragment_is_read_and_a_later_one_is_not()
    {
        byte[] first = [17, 0, 0x00, 0x01, 0, 0, 0, 42];        // fragment header: next UDP, offset 0, more fragments, id 42
        byte[] later = [17, 0, 0x00, 0xb9, 0, 0, 0, 42];        // offset 23 (x 8 bytes), more fragments

        Assert.True(FrameDecoder.TryDecode(At(Frame(44, [.. first, .. Udp(546, 547, Payload)])), out var udp));
        Assert.Equal(547, udp.DestinationPort);
        Assert.False(FrameDecoder.TryDecode(At(Frame(44, [.. later, .. Udp(546, 547, Payload)])), out _));
    }

    [Fact]
    public void Icmpv6_is_a_segment_of_its_own_starting_at_its_type()
    {
        byte[] solicitation = [133, 0, 0, 0, 0, 0, 0, 0];

        Assert.True(FrameDecoder.TryDecode(At(Frame(58, solicitation)), out var icmp));

        Assert.Equal((WireTransport.Icmpv6, 0, 0, false), (icmp.Transport, icmp.SourcePort, icmp.DestinationPort, icmp.IsUdp));
        Assert.Equal(solicitation, icmp.Payload.ToArray());
    }

    [Fact]
    public void Tcp_over_ipv6_gives_its_payload()
    {
        var tcp = new byte[20 + 4];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, 50000);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), 80);
        tcp[12] = 5 << 4;                                       // data offset: 5 words
        "GET "u8.CopyTo(tcp.AsSpan(20));

        Assert.True(FrameDecoder.TryDecode(At(Frame(6, tcp)), out var segment));

        Assert.Equal((true, 80, 4), (segment.IsTcp, segment.DestinationPort, segment.PayloadLength));
        Assert.Equal("GET "u8.ToArray(), segment.Payload.ToArray());
    }

    [Fact]
    public void Raw_ipv6_has_no_link_header()
    {
        var frame = Frame(17, Udp(547, 546, Payload));

        Assert.True(FrameDecoder.TryDecode(new CapturedFrame(DateTimeOffset.UnixEpoch, LinkLayers.Raw, frame.AsMemory(14)), out var raw));
        Assert.True(FrameDecoder.TryDecode(new CapturedFrame(DateTimeOffset.UnixEpoch, (LinkLayers)229, frame.AsMemory(14)), out var ipv6));
        Assert.Equal((547, 547), (raw.SourcePort, ipv6.SourcePort));
    }

    [Fact]
    public void A_chain_of_extension_headers_longer_than_the_bound_is_not_read()
    {
        var headers = new List<byte>();
        for (int i = 0; i < 9; i++)
        {
            headers.AddRange([(byte)(i == 8 ? 17 : 60), 0, 0, 0, 0, 0, 0, 0]);   // destination options, again and again
        }

        Assert.False(FrameDecoder.TryDecode(At(Frame(60, [.. headers, .. Udp(546, 547, Payload)])), out _));
    }

    [Theory]
    [InlineData(59)]                                            // no next header
    [InlineData(50)]                                            // ESP: nothing readable follows
    [InlineData(1)]                                             // ICMP for IPv4 inside IPv6: not for us
    public void A_next_header_that_ends_the_walk_is_no_segment(byte next)
    {
        Assert.False(FrameDecoder.TryDecode(At(Frame(next, Udp(546, 547, Payload))), out _));
    }

    [Fact]
    public void Every_prefix_of_a_frame_with_extension_headers_decodes_or_says_no_and_never_throws()
    {
        byte[] headers = [60, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 17, 0, 0, 0, 0, 0, 0, 0];   // hop-by-hop (16 bytes), dest-opts (8)
        var frame = Frame(0, [.. headers, .. Udp(546, 547, Payload)]);
        int headersEnd = 14 + 40 + headers.Length + 8;

        for (int length = 0; length <= frame.Length; length++)
        {
            bool decoded = FrameDecoder.TryDecode(new CapturedFrame(DateTimeOffset.UnixEpoch, LinkLayers.Ethernet, frame.AsMemory(0, length), frame.Length), out var udp);

            // Cut inside the headers: no segment. Cut in the payload: the segment, with the length its headers said.
            Assert.Equal(length >= headersEnd, decoded);
            if (decoded)
            {
                Assert.Equal((length - headersEnd, 8), (udp.Payload.Length, udp.PayloadLength));
            }
        }
    }

    [Fact]
    public void Random_bytes_behind_an_ipv6_ethertype_never_throw()
    {
        var random = new Random(20261206);
        int decoded = 0;
        for (int i = 0; i < 20_000; i++)
        {
            var frame = new byte[random.Next(0, 160)];
            random.NextBytes(frame);
            if (frame.Length >= 21)
            {
                frame[12] = 0x86;                               // EtherType IPv6
                frame[13] = 0xdd;
                frame[14] = (byte)(0x60 | (frame[14] & 0x0f));  // version 6
                frame[20] = (byte)(i % 4 switch { 0 => 17, 1 => 58, 2 => 0, _ => 44 }); // next header: UDP, ICMPv6, hop-by-hop, fragment
            }

            if (frame.Length < 21 || !FrameDecoder.TryDecode(At(frame), out var segment))
            {
                continue;
            }

            decoded++;
            Assert.InRange(segment.Payload.Length, 0, frame.Length);
        }

        // The generator reaches the transports: a property that decodes nothing tests nothing.
        Assert.True(decoded > 100, $"only {decoded} frames decoded");
    }

    private static CapturedFrame At(byte[] frame) => new(DateTimeOffset.UnixEpoch, LinkLayers.Ethernet, frame);

    private static byte[] Udp(int sourcePort, int destinationPort, byte[] payload)
    {
        var udp = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), (ushort)destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);       // UDP length
        payload.CopyTo(udp, 8);
        return udp;
    }

    /// <summary>Ethernet II, then the IPv6 fixed header (RFC 8200 section 3) with <paramref name="next"/>, then <paramref name="rest"/>.</summary>
    private static byte[] Frame(byte next, byte[] rest)
    {
        var frame = new byte[14 + 40 + rest.Length];
        byte[] link = [0x33, 0x33, 0x00, 0x01, 0x00, 0x02, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56, 0x86, 0xdd];   // to 33:33:00:01:00:02, from the client, IPv6
        link.CopyTo(frame, 0);
        var ip = frame.AsSpan(14);
        ip[0] = 0x60;                                                                   // version 6
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)rest.Length);            // payload length
        ip[6] = next;                                                                   // next header
        ip[7] = 1;                                                                      // hop limit
        IPAddress.Parse(Client).GetAddressBytes().CopyTo(ip[8..]);
        IPAddress.Parse(Servers).GetAddressBytes().CopyTo(ip[24..]);
        rest.CopyTo(ip[40..]);
        return frame;
    }
}
