using System.Buffers.Binary;
using System.Net;
using PacketDotNet;
using PxeKit.Core.Capture;

namespace PxeKit.Core.Tests.Capture;

/// <summary>The one frame decoder: where the datagram is, whatever the link layer, and what a short capture still tells.</summary>
public sealed class FrameDecoderTests
{
    private static readonly byte[] Payload = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08];

    [Fact]
    public void An_ethernet_frame_gives_its_udp_datagram()
    {
        var frame = CaptureFixtures.UdpFrame("10.0.0.1", 67, "10.0.0.10", 68, Payload);

        Assert.True(FrameDecoder.TryDecode(new CapturedFrame(DateTimeOffset.UnixEpoch, LinkLayers.Ethernet, frame), out var udp));

        Assert.Equal((IPAddress.Parse("10.0.0.1"), 67, IPAddress.Parse("10.0.0.10"), 68, false), (udp.Source, udp.SourcePort, udp.Destination, udp.DestinationPort, udp.IsTcp));
        Assert.Equal(Payload, udp.Payload.ToArray());
    }

    [Fact]
    public void A_vlan_tag_between_the_ethernet_header_and_ip_is_stepped_over()
    {
        var untagged = CaptureFixtures.UdpFrame("10.0.0.1", 67, "10.0.0.10", 68, Payload);
        var tagged = new byte[untagged.Length + 4];
        untagged.AsSpan(0, 12).CopyTo(tagged);
        BinaryPrimitives.WriteUInt16BigEndian(tagged.AsSpan(12), 0x8100);            // 802.1Q
        BinaryPrimitives.WriteUInt16BigEndian(tagged.AsSpan(14), 42);                // VLAN 42
        untagged.AsSpan(12).CopyTo(tagged.AsSpan(16));                               // EtherType IPv4 and the packet

        Assert.True(FrameDecoder.TryDecode(new CapturedFrame(DateTimeOffset.UnixEpoch, LinkLayers.Ethernet, tagged), out var udp));
        Assert.Equal(Payload, udp.Payload.ToArray());
    }

    [Fact]
    public void A_frame_cut_by_the_snap_length_keeps_the_payload_length_from_its_headers()
    {
        var frame = CaptureFixtures.UdpFrame("10.0.0.1", 67, "10.0.0.10", 68, new byte[500]);

        Assert.True(FrameDecoder.TryDecode(new CapturedFrame(DateTimeOffset.UnixEpoch, LinkLayers.Ethernet, frame.AsMemory(0, 100), frame.Length), out var udp));

        Assert.Equal((100 - 14 - 20 - 8, 500), (udp.Payload.Length, udp.PayloadLength));
    }

    [Fact]
    public void Raw_ipv4_has_no_link_header()
    {
        var frame = CaptureFixtures.UdpFrame("10.0.0.1", 69, "10.0.0.10", 2070, Payload);

        Assert.True(FrameDecoder.TryDecode(new CapturedFrame(DateTimeOffset.UnixEpoch, LinkLayers.Raw, frame.AsMemory(14)), out var udp));
        Assert.Equal((69, 2070), (udp.SourcePort, udp.DestinationPort));
    }

    [Fact]
    public void Not_ipv4_is_no_datagram()
    {
        var frame = CaptureFixtures.UdpFrame("10.0.0.1", 67, "10.0.0.10", 68, Payload);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), 0x0806);             // ARP

        Assert.False(FrameDecoder.TryDecode(new CapturedFrame(DateTimeOffset.UnixEpoch, LinkLayers.Ethernet, frame), out _));
    }
}
