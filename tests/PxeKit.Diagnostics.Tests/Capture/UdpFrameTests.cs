using System.Net;
using PxeKit.Diagnostics.Capture;

namespace PxeKit.Diagnostics.Tests.Capture;

public class UdpFrameTests
{
    // A broadcast DHCP-shaped frame: Ethernet II, IPv4 (no options), UDP 68 -> 67, payload "hi".
    private static readonly byte[] Frame =
    [
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff,             // destination MAC: broadcast
        0x52, 0x54, 0x00, 0x12, 0x34, 0x56,             // source MAC
        0x08, 0x00,                                     // EtherType: IPv4
        0x45, 0x00, 0x00, 0x1e,                         // version 4, IHL 5, total length 30
        0x00, 0x00, 0x00, 0x00,                         // id, flags, fragment
        0x40, 0x11, 0x00, 0x00,                         // TTL 64, protocol 17 (UDP), checksum (unchecked)
        0x00, 0x00, 0x00, 0x00,                         // source 0.0.0.0
        0xff, 0xff, 0xff, 0xff,                         // destination 255.255.255.255
        0x00, 0x44, 0x00, 0x43,                         // UDP 68 -> 67
        0x00, 0x0a, 0x00, 0x00,                         // UDP length 10 (8 + 2), checksum
        (byte)'h', (byte)'i',                           // payload
    ];

    [Fact]
    public void Reads_addresses_ports_and_payload()
    {
        Assert.True(UdpFrame.TryParse(Frame, out var udp));
        Assert.Equal(IPAddress.Any, udp.Source);
        Assert.Equal(IPAddress.Broadcast, udp.Destination);
        Assert.Equal((68, 67), (udp.SourcePort, udp.DestinationPort));
        Assert.Equal("hi"u8.ToArray(), udp.Payload.ToArray());
    }

    [Fact]
    public void Every_prefix_and_non_udp_frames_are_refused_without_throwing()
    {
        for (int length = 0; length < Frame.Length; length++)
        {
            Assert.False(UdpFrame.TryParse(Frame.AsMemory(0, length), out _));
        }

        var arp = (byte[])Frame.Clone();
        arp[13] = 0x06;
        Assert.False(UdpFrame.TryParse(arp, out _));
        var tcp = (byte[])Frame.Clone();
        tcp[23] = 6;
        Assert.False(UdpFrame.TryParse(tcp, out _));
    }
}
