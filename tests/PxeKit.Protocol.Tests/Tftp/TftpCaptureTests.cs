using System.Buffers.Binary;
using System.Text;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Protocol.Tests.Tftp;

/// <summary>Golden capture: SeaBIOS + iPXE fetching pxelinux.0 from dnsmasq (Data/README.md).</summary>
public sealed class TftpCaptureTests
{
    [Fact]
    public void Ipxe_capture_decodes_packet_by_packet()
    {
        var lines = new List<string>();
        foreach (var payload in UdpPayloads(FindData("qemu-bios-ipxe-tftp.pcap")))
        {
            Assert.Equal(TftpParseError.None, TftpPacket.TryParse(payload, out var packet));
            lines.Add(packet.Opcode switch
            {
                TftpOpcode.ReadRequest => $"RRQ {Encoding.ASCII.GetString(packet.FileName)} {packet.Mode} {packet.GetRequestOptions()}",
                TftpOpcode.OptionAck => $"OACK {packet.GetRequestOptions()}",
                TftpOpcode.Data => $"DATA {packet.Block} {packet.Data.Length}",
                TftpOpcode.Ack => $"ACK {packet.Block}",
                _ => $"{packet.Opcode}",
            });
        }

        Assert.Equal(
            [
                "RRQ pxelinux.0 Octet TftpRequestOptions { BlockSize = 1432, TransferSize = 0, TimeoutSeconds = , WindowSize = , Any = True }",
                "OACK TftpRequestOptions { BlockSize = 1432, TransferSize = " + TransferSizeIn(lines) + ", TimeoutSeconds = , WindowSize = , Any = True }",
                "ACK 0",
                "DATA 1 1432", "ACK 1",
                "DATA 2 1432", "ACK 2",
                "DATA 3 1432", "ACK 3",
                "DATA 4 1432", "ACK 4",
                "DATA 5 1432",
            ],
            lines.Take(12));
    }

    // The file size dnsmasq announced; only its presence and being a number matter here.
    private static string TransferSizeIn(List<string> lines)
    {
        var oack = lines.Single(l => l.StartsWith("OACK", StringComparison.Ordinal));
        var start = oack.IndexOf("TransferSize = ", StringComparison.Ordinal) + "TransferSize = ".Length;
        var size = oack[start..oack.IndexOf(',', start)];
        Assert.True(long.TryParse(size, out var n) && n > 5 * 1432, size);
        return size;
    }

    // Classic pcap, little-endian, Ethernet: global header 24 bytes, record header 16 bytes.
    private static IEnumerable<byte[]> UdpPayloads(string path)
    {
        var file = File.ReadAllBytes(path);
        Assert.Equal(0xA1B2C3D4u, BinaryPrimitives.ReadUInt32LittleEndian(file));
        var offset = 24;
        while (offset + 16 <= file.Length)
        {
            var captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 8));
            var frame = file.AsSpan(offset + 16, captured);
            offset += 16 + captured;
            if (BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != 0x0800 || frame[14 + 9] != 17)
            {
                continue; // not IPv4/UDP
            }

            var ip = frame[14..];
            var udp = ip[((ip[0] & 0x0F) * 4)..];
            var udpLength = BinaryPrimitives.ReadUInt16BigEndian(udp[4..]);
            yield return udp[8..udpLength].ToArray();
        }
    }

    private static string FindData(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "PxeKit.Protocol.Tests", "Data", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Capture {name} not found above {AppContext.BaseDirectory}.");
    }
}
