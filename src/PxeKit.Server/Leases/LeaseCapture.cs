using System.Buffers.Binary;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Server.Leases;

/// <summary>
/// Reads the DHCPACKs and DHCPRELEASEs out of a capture (classic pcap as tcpdump -w writes it, Ethernet
/// or Linux "cooked" framing), for <see cref="LeaseAudit"/>. Anything else in the file is skipped.
/// </summary>
public static class LeaseCapture
{
    private const uint MagicMicroseconds = 0xa1b2c3d4;
    private const uint MagicNanoseconds = 0xa1b23c4d;
    private const int LinkTypeEthernet = 1;
    private const int LinkTypeLinuxCooked = 113;
    private const int GlobalHeaderLength = 24;
    private const int RecordHeaderLength = 16;

    public static IReadOnlyList<AckedLease> Read(string path)
    {
        var file = File.ReadAllBytes(path);
        if (file.Length < GlobalHeaderLength)
        {
            throw new InvalidDataException($"{path} is too short to be a pcap file");
        }

        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        bool little = magic is MagicMicroseconds or MagicNanoseconds;
        bool nanoseconds = little ? magic == MagicNanoseconds : BinaryPrimitives.ReadUInt32BigEndian(file) == MagicNanoseconds;
        if (!little && BinaryPrimitives.ReadUInt32BigEndian(file) is not (MagicMicroseconds or MagicNanoseconds))
        {
            throw new InvalidDataException($"{path} is not a classic pcap file (pcapng is not read: capture with tcpdump -w)");
        }

        uint Read32(int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at));
        int linkType = (int)Read32(20);
        int linkHeader = linkType switch
        {
            LinkTypeEthernet => 14,
            LinkTypeLinuxCooked => 16,
            _ => throw new InvalidDataException($"{path}: link type {linkType} is neither Ethernet nor Linux cooked"),
        };

        var seen = new List<AckedLease>();
        int at = GlobalHeaderLength;
        while (at + RecordHeaderLength <= file.Length)
        {
            long seconds = Read32(at);
            long fraction = Read32(at + 4);
            int length = (int)Read32(at + 8);
            at += RecordHeaderLength;
            if (length < 0 || at + length > file.Length)
            {
                break; // the capture was cut mid-record (tcpdump killed): keep what came before
            }

            var time = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanoseconds ? fraction / 100 : fraction * 10);
            if (TryReadDhcp(file.AsSpan(at, length), linkHeader, time) is { } lease)
            {
                seen.Add(lease);
            }

            at += length;
        }

        return seen;
    }

    private static AckedLease? TryReadDhcp(ReadOnlySpan<byte> frame, int linkHeader, DateTimeOffset time)
    {
        // The EtherType (or the cooked header's protocol) is the last two bytes of the link header.
        if (frame.Length < linkHeader + 28 || BinaryPrimitives.ReadUInt16BigEndian(frame[(linkHeader - 2)..]) != 0x0800)
        {
            return null;
        }

        var ip = frame[linkHeader..];
        int ipHeader = (ip[0] & 0x0f) * 4;
        if (ip[0] >> 4 != 4 || ipHeader < 20 || ip[9] != 17 || ip.Length < ipHeader + 8)
        {
            return null;
        }

        var udp = ip[ipHeader..];
        int sourcePort = BinaryPrimitives.ReadUInt16BigEndian(udp);
        int destinationPort = BinaryPrimitives.ReadUInt16BigEndian(udp[2..]);
        if (DhcpMessageView.TryParse(udp[8..], out var view) != DhcpParseError.None)
        {
            return null;
        }

        var mac = MacAddress.Format(view.ClientHardwareAddress);
        if (sourcePort == DhcpConstants.ServerPort && view.Op == DhcpOpCode.BootReply && view.MessageType == DhcpMessageType.Ack && view.YourAddress != 0)
        {
            return new AckedLease(mac, Ipv4.ToAddress(view.YourAddress), time);
        }

        if (destinationPort == DhcpConstants.ServerPort && view.Op == DhcpOpCode.BootRequest && view.MessageType == DhcpMessageType.Release)
        {
            return new AckedLease(mac, Ipv4.ToAddress(view.ClientAddress), time, Released: true);
        }

        return null;
    }
}
