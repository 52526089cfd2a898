using System.Buffers.Binary;
using System.Net;
using PacketDotNet;
using PxeKit.Core.Capture;

namespace PxeKit.Tests.Shared;

/// <summary>Capture files written in the test: frames built byte by byte, saved as classic pcap or as pcapng.</summary>
internal static class CaptureFixtures
{
    public const int PcapHeaderLength = 24;
    public const int PcapRecordHeaderLength = 16;
    private const int EthernetHeaderLength = 14;
    private const int Ipv4HeaderLength = 20;
    private const int Ipv6HeaderLength = 40;
    private const int UdpHeaderLength = 8;

    /// <summary>
    /// An Ethernet II frame carrying one UDP datagram over IPv4, or over IPv6 when the addresses are IPv6 (checksums zero:
    /// no reader here checks them).
    /// </summary>
    public static byte[] UdpFrame(string source, int sourcePort, string destination, int destinationPort, ReadOnlySpan<byte> payload)
    {
        var from = IPAddress.Parse(source);
        bool ipv6 = from.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        int ipHeaderLength = ipv6 ? Ipv6HeaderLength : Ipv4HeaderLength;
        var frame = new byte[EthernetHeaderLength + ipHeaderLength + UdpHeaderLength + payload.Length];
        var span = frame.AsSpan();
        span[..6].Fill(0xff);                                                          // destination MAC: broadcast
        byte[] sender = [0x02, 0x00, 0x00, 0x00, 0x00, 0x01];
        sender.CopyTo(span[6..]);                                                      // source MAC
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], (ushort)(ipv6 ? 0x86dd : 0x0800)); // EtherType
        var ip = span[EthernetHeaderLength..];
        if (ipv6)
        {
            ip[0] = 0x60;                                                              // version 6
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)(UdpHeaderLength + payload.Length)); // payload length
            ip[6] = 17;                                                                // next header UDP
            ip[7] = 64;                                                                // hop limit
            from.GetAddressBytes().CopyTo(ip[8..]);
            IPAddress.Parse(destination).GetAddressBytes().CopyTo(ip[24..]);
        }
        else
        {
            ip[0] = 0x45;                                                              // version 4, IHL 5 words
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(Ipv4HeaderLength + UdpHeaderLength + payload.Length)); // total length
            ip[8] = 64;                                                                // TTL
            ip[9] = 17;                                                                // protocol UDP
            from.GetAddressBytes().CopyTo(ip[12..]);
            IPAddress.Parse(destination).GetAddressBytes().CopyTo(ip[16..]);
        }

        var udp = ip[ipHeaderLength..];
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], (ushort)destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(UdpHeaderLength + payload.Length)); // UDP length
        payload.CopyTo(udp[UdpHeaderLength..]);
        return frame;
    }

    /// <summary>An Ethernet frame as captured at <paramref name="time"/>.</summary>
    public static CapturedFrame At(DateTimeOffset time, byte[] frame) => new(time, LinkLayers.Ethernet, frame);

    /// <summary>A classic pcap file as tcpdump -w writes it: little-endian, microseconds, Ethernet.</summary>
    public static byte[] Pcap(IEnumerable<CapturedFrame> frames)
    {
        using var file = new MemoryStream();
        Span<byte> header = stackalloc byte[PcapHeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xa1b2c3d4);                  // magic: microseconds
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);                      // version 2.4
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 262144);                // snap length
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1);                     // LINKTYPE_ETHERNET
        file.Write(header);
        Span<byte> record = stackalloc byte[PcapRecordHeaderLength];
        foreach (var frame in frames)
        {
            long micros = (frame.Time - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(micros / 1_000_000)); // seconds
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(micros % 1_000_000)); // microseconds
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frame.Data.Length); // captured length
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.WireLength); // length on the wire
            file.Write(record);
            file.Write(frame.Data.Span);
        }

        return file.ToArray();
    }

    /// <summary>A pcapng file written by PxeKit's own writer.</summary>
    public static void WritePcapNg(string path, IEnumerable<CapturedFrame> frames)
    {
        using var writer = PcapNgWriter.Create(path);
        foreach (var frame in frames)
        {
            writer.Write(frame);
        }
    }
}
