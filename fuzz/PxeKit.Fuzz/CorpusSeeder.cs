using PxeKit.Core.Capture;

namespace PxeKit.Fuzz;

/// <summary>
/// Seeds the corpora from the real captures in tests/PxeKit.Protocol.Tests/Data: whole frames for the
/// frame target, UDP payloads on ports 67/68 for DHCP, on 546/547 for DHCPv6, and the rest for TFTP. Config
/// and DHCPv6 seeds are also kept as files in fuzz/seeds/TARGET (saved there while the frame decoder read IPv4 only).
/// </summary>
internal static class CorpusSeeder
{
    public static int Seed(string directory, string root)
    {
        var data = Path.Combine(root, "tests", "PxeKit.Protocol.Tests", "Data");
        int written = 0;
        foreach (var pcap in Directory.GetFiles(data, "*.pcap").Order(StringComparer.Ordinal))
        {
            int index = 0;
            // Read as PxeKit reads every capture file; the frame target takes the frame's bytes.
            foreach (var frame in CaptureFile.Read(pcap))
            {
                var name = $"{Path.GetFileNameWithoutExtension(pcap)}-{index++:d3}";
                Write(directory, "frame", name, frame.Data.ToArray());
                if (FrameDecoder.TryDecode(frame, out var udp) && udp.IsUdp)
                {
                    bool dhcp = udp.SourcePort is 67 or 68 or 4011 || udp.DestinationPort is 67 or 68 or 4011;
                    bool dhcp6 = udp.SourcePort is 546 or 547 || udp.DestinationPort is 546 or 547;
                    Write(directory, dhcp6 ? "dhcp6" : dhcp ? "dhcp" : "tftp", name, udp.Payload.ToArray());
                }

                written++;
            }
        }

        foreach (var folder in Directory.GetDirectories(Path.Combine(root, "fuzz", "seeds")))
        {
            foreach (var file in Directory.GetFiles(folder))
            {
                Write(directory, Path.GetFileName(folder), Path.GetFileName(file), File.ReadAllBytes(file));
            }
        }

        Console.WriteLine($"seeded {directory} from {written} captured frames");
        return written > 0 ? 0 : 1;
    }

    private static void Write(string directory, string target, string name, byte[] bytes)
    {
        var folder = Path.Combine(directory, target);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, name), bytes);
    }
}
