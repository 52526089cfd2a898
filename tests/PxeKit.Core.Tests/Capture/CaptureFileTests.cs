using System.Buffers.Binary;
using PacketDotNet;
using PxeKit.Core.Capture;

namespace PxeKit.Core.Tests.Capture;

/// <summary>Capture files written in the test, read back through libpcap: whole, refused, cut at the end, damaged before it.</summary>
public sealed class CaptureFileTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("pxc-capture-");

    public void Dispose() => _work.Delete(recursive: true);

    [HostFact(Root = false, Libraries = [HostNeeds.Libpcap], Unit = true)]
    public void Pcapng_written_here_reads_back_the_same_frames_through_libpcap()
    {
        var path = Path.Combine(_work.FullName, "copy.pcapng");
        var original = Frames(5);
        // A frame the capture cut to its first 40 bytes keeps its length on the wire (it came back 40 bytes long
        // while it was read from SharpPcap's RawCapture.PacketLength, which is the length captured).
        original.Add(new CapturedFrame(T0.AddSeconds(9), LinkLayers.Ethernet, original[0].Data[..40], original[0].Data.Length));
        CaptureFixtures.WritePcapNg(path, original);

        var copy = CaptureFile.Read(path).Select(f => f with { Data = f.Data.ToArray() }).ToList();

        Assert.Equal(original.Count, copy.Count);
        for (int i = 0; i < original.Count; i++)
        {
            Assert.Equal((original[i].Time, original[i].LinkType, original[i].WireLength), (copy[i].Time, copy[i].LinkType, copy[i].WireLength));
            Assert.Equal(original[i].Data.ToArray(), copy[i].Data.ToArray());
        }
    }

    [HostFact(Root = false, Libraries = [HostNeeds.Libpcap], Unit = true)]
    public void A_classic_pcap_reads_the_same_frames()
    {
        var path = Path.Combine(_work.FullName, "dump.pcap");
        File.WriteAllBytes(path, CaptureFixtures.Pcap(Frames(3)));

        Assert.Equal([T0, T0.AddSeconds(1), T0.AddSeconds(2)], CaptureFile.Read(path).Select(f => f.Time));
    }

    [Fact]
    public void A_missing_file_a_directory_and_a_file_that_is_no_capture_are_told_apart()
    {
        var text = Path.Combine(_work.FullName, "notes.txt");
        File.WriteAllText(text, "hello, this is not a capture");
        var empty = Path.Combine(_work.FullName, "empty.pcap");
        File.WriteAllBytes(empty, []);

        Assert.Contains("does not exist", Refusal(Path.Combine(_work.FullName, "nope.pcap")), StringComparison.Ordinal);
        Assert.Contains("is a directory", Refusal(_work.FullName), StringComparison.Ordinal);
        Assert.Contains("is not a capture file", Refusal(text), StringComparison.Ordinal);
        Assert.Contains("is not a capture file", Refusal(empty), StringComparison.Ordinal);
    }

    [HostTheory(Root = false, Libraries = [HostNeeds.Libpcap], Unit = true)]
    [InlineData("pcap")]
    [InlineData("pcapng")]
    public void A_last_record_cut_short_is_damage_in_a_whole_file_and_the_end_in_one_that_may_be_cut(string format)
    {
        var path = Path.Combine(_work.FullName, "cut." + format);
        Write(path, format, Frames(4));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^30]);

        var frames = 0;
        var error = Record.Exception(() =>
        {
            foreach (var frame in CaptureFile.Read(path))
            {
                frames++;
            }
        });

        // libpcap reads the whole frames and then reports the cut one.
        Assert.Equal(3, frames);
        Assert.IsType<CaptureFileException>(error);
        Assert.Equal(3, CaptureFile.Read(path, CaptureFileEnd.MayBeCut).Count());
    }

    [HostFact(Root = false, Libraries = [HostNeeds.Libpcap], Unit = true)]
    public void A_record_damaged_before_the_end_is_an_error_even_when_the_file_may_be_cut()
    {
        var frames = Frames(4);
        var bytes = CaptureFixtures.Pcap(frames);
        // The second record's captured length, past the largest snap length libpcap accepts.
        int second = CaptureFixtures.PcapHeaderLength + CaptureFixtures.PcapRecordHeaderLength + frames[0].Data.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(second + 8), 0x0100_0000);
        var path = Path.Combine(_work.FullName, "damaged.pcap");
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<CaptureFileException>(() => CaptureFile.Read(path, CaptureFileEnd.MayBeCut).Count());

        Assert.Contains("is damaged after frame data that could be read", error.Message, StringComparison.Ordinal);
    }

    private static string Refusal(string path) =>
        Assert.Throws<CaptureFileException>(() => CaptureFile.Read(path).ToList()).Message;

    private static void Write(string path, string format, List<CapturedFrame> frames)
    {
        if (format == "pcap")
        {
            File.WriteAllBytes(path, CaptureFixtures.Pcap(frames));
        }
        else
        {
            CaptureFixtures.WritePcapNg(path, frames);
        }
    }

    /// <summary>DHCP-sized UDP datagrams from client to server, one a second.</summary>
    private static List<CapturedFrame> Frames(int count) =>
        [.. Enumerable.Range(0, count).Select(i => CaptureFixtures.At(T0.AddSeconds(i), CaptureFixtures.UdpFrame("0.0.0.0", 68, "255.255.255.255", 67, new byte[300 + i])))];
}
