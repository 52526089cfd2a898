using System.Buffers.Binary;
using PxeKit.Core.Capture;

namespace PxeKit.Fuzz;

/// <summary>
/// Seeds the corpora from the real captures in tests/PxeKit.Protocol.Tests/Data: whole frames for the
/// frame target, UDP payloads on ports 67/68 for DHCP and the rest for TFTP. Config seeds are kept
/// as files in fuzz/seeds/config.
/// </summary>
internal static class CorpusSeeder
{
    private const int GlobalHeaderLength = 24;
    private const int RecordHeaderLength = 16;

    public static int Seed(string directory, string root)
    {
        var data = Path.Combine(root, "tests", "PxeKit.Protocol.Tests", "Data");
        int written = 0;
        foreach (var pcap in Directory.GetFiles(data, "*.pcap").Order(StringComparer.Ordinal))
        {
            int index = 0;
            foreach (var frame in Frames(File.ReadAllBytes(pcap)))
            {
                var name = $"{Path.GetFileNameWithoutExtension(pcap)}-{index++:d3}";
                Write(directory, "frame", name, frame);
                if (FrameDecoder.TryDecode(new CapturedFrame(DateTimeOffset.UnixEpoch, PacketDotNet.LinkLayers.Ethernet, frame), out var udp))
                {
                    bool dhcp = udp.SourcePort is 67 or 68 or 4011 || udp.DestinationPort is 67 or 68 or 4011;
                    Write(directory, dhcp ? "dhcp" : "tftp", name, udp.Payload.ToArray());
                }

                written++;
            }
        }

        foreach (var file in Directory.GetFiles(Path.Combine(root, "fuzz", "seeds", "config")))
        {
            Write(directory, "config", Path.GetFileName(file), File.ReadAllBytes(file));
        }

        Console.WriteLine($"seeded {directory} from {written} captured frames");
        return written > 0 ? 0 : 1;
    }

    // libpcap's classic format: a 24-byte global header, then per packet a 16-byte record header whose
    // third word is the captured length. Little-endian files only, as tcpdump writes them here.
    private static IEnumerable<byte[]> Frames(byte[] file)
    {
        int at = GlobalHeaderLength;
        while (at + RecordHeaderLength <= file.Length)
        {
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 8));
            at += RecordHeaderLength;
            if (length < 0 || at + length > file.Length)
            {
                yield break;
            }

            yield return file[at..(at + length)];
            at += length;
        }
    }

    private static void Write(string directory, string target, string name, byte[] bytes)
    {
        var folder = Path.Combine(directory, target);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, name), bytes);
    }
}
