using System.Buffers.Binary;

namespace PxeKit.Protocol.Tests.Captures;

/// <summary>
/// Reads UDP datagrams out of a classic pcap file with Ethernet framing: just enough of libpcap's
/// format (global header, record headers) and of Ethernet, IPv4 or IPv6, and UDP to get to the payloads.
/// </summary>
internal static class PcapReader
{
    private const uint MagicMicroseconds = 0xa1b2c3d4;
    private const uint MagicNanoseconds = 0xa1b23c4d;
    private const int LinkTypeEthernet = 1;

    public static IReadOnlyList<UdpDatagram> ReadUdp(string path)
    {
        var bytes = File.ReadAllBytes(path);
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        bool little = magic is MagicMicroseconds or MagicNanoseconds;
        if (!little && BinaryPrimitives.ReadUInt32BigEndian(bytes) is not (MagicMicroseconds or MagicNanoseconds))
        {
            throw new InvalidDataException($"{path} is not a classic pcap file");
        }

        uint Read32(int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at));
        if (Read32(20) != LinkTypeEthernet)
        {
            throw new InvalidDataException($"{path}: link type {Read32(20)} is not Ethernet");
        }

        var datagrams = new List<UdpDatagram>();
        int position = 24;
        while (position + 16 <= bytes.Length)
        {
            int captured = (int)Read32(position + 8);
            var frame = bytes.AsSpan(position + 16, captured);
            position += 16 + captured;
            if (TryUdp(frame, out var datagram))
            {
                datagrams.Add(datagram);
            }
        }

        return datagrams;
    }

    private static bool TryUdp(ReadOnlySpan<byte> frame, out UdpDatagram datagram)
    {
        datagram = default!;
        if (frame.Length >= 14 + 40 + 8 && BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) == 0x86dd)
        {
            return TryUdp6(frame[14..], out datagram);
        }

        if (frame.Length < 14 + 20 + 8 || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != 0x0800)
        {
            return false;
        }

        var ip = frame[14..];
        int headerLength = (ip[0] & 0x0f) * 4;
        if (ip[9] != 17)
        {
            return false;
        }

        var udp = ip[headerLength..];
        int length = BinaryPrimitives.ReadUInt16BigEndian(udp[4..]);
        datagram = new UdpDatagram(
            $"{ip[12]}.{ip[13]}.{ip[14]}.{ip[15]}:{BinaryPrimitives.ReadUInt16BigEndian(udp)}",
            $"{ip[16]}.{ip[17]}.{ip[18]}.{ip[19]}:{BinaryPrimitives.ReadUInt16BigEndian(udp[2..])}",
            BinaryPrimitives.ReadUInt16BigEndian(udp),
            BinaryPrimitives.ReadUInt16BigEndian(udp[2..]),
            udp[8..length].ToArray());
        return true;
    }

    // IPv6 with UDP right after the fixed 40-byte header (next header 17): what DHCPv6 clients send; frames
    // with extension headers are not in the captures and are skipped.
    private static bool TryUdp6(ReadOnlySpan<byte> ip, out UdpDatagram datagram)
    {
        datagram = default!;
        if (ip[6] != 17)
        {
            return false;
        }

        var udp = ip[40..];
        int length = BinaryPrimitives.ReadUInt16BigEndian(udp[4..]);
        datagram = new UdpDatagram(
            $"[{new System.Net.IPAddress(ip.Slice(8, 16))}]:{BinaryPrimitives.ReadUInt16BigEndian(udp)}",
            $"[{new System.Net.IPAddress(ip.Slice(24, 16))}]:{BinaryPrimitives.ReadUInt16BigEndian(udp[2..])}",
            BinaryPrimitives.ReadUInt16BigEndian(udp),
            BinaryPrimitives.ReadUInt16BigEndian(udp[2..]),
            udp[8..length].ToArray());
        return true;
    }
}
