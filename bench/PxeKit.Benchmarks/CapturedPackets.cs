using System.Buffers.Binary;

namespace PxeKit.Benchmarks;

/// <summary>
/// The UDP payloads of a classic pcap file (little-endian, microsecond, Ethernet link type), in order.
/// Enough for the captures under tests/PxeKit.Protocol.Tests/Data; not a general pcap reader.
/// </summary>
public static class CapturedPackets
{
    private const int GlobalHeaderLength = 24;
    private const int RecordHeaderLength = 16;
    private const int EthernetHeaderLength = 14;
    private const int UdpHeaderLength = 8;
    private const int UdpProtocol = 17;

    public static IReadOnlyList<byte[]> UdpPayloads(string fileName)
    {
        var file = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", fileName));
        var payloads = new List<byte[]>();
        var position = GlobalHeaderLength;
        while (position + RecordHeaderLength <= file.Length)
        {
            var captured = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(position + 8));
            var frame = file.AsSpan(position + RecordHeaderLength, captured);
            position += RecordHeaderLength + captured;

            var ip = frame[EthernetHeaderLength..];
            var headerLength = (ip[0] & 0x0F) * 4;
            if (ip[9] != UdpProtocol)
            {
                continue;
            }

            var udp = ip[headerLength..];
            var udpLength = BinaryPrimitives.ReadUInt16BigEndian(udp[4..]);
            payloads.Add(udp[UdpHeaderLength..udpLength].ToArray());
        }

        return payloads;
    }
}
