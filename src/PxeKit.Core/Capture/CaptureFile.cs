using PxeKit.Core.Interop;
using SharpPcap;
using SharpPcap.LibPcap;

namespace PxeKit.Core.Capture;

/// <summary>Reads the frames of a pcap or pcapng file with libpcap (SharpPcap's file reader), in file order.</summary>
public static class CaptureFile
{
    // The first four bytes of a pcap file (either byte order, micro- or nanosecond) or a pcapng section header.
    private static readonly uint[] Magics = [0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a];

    /// <summary>
    /// Every frame of the file. Throws <see cref="CaptureFileException"/> with a sentence for the operator
    /// when the file is missing, unreadable or not a capture (checked before the first frame is returned),
    /// and, while the frames are enumerated, when a frame cannot be read: unless <paramref name="end"/> is
    /// <see cref="CaptureFileEnd.MayBeCut"/> and that frame is the file's last, cut short.
    /// </summary>
    public static IEnumerable<CapturedFrame> Read(string path, CaptureFileEnd end = CaptureFileEnd.Complete)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Check(path);
        CaptureFileReaderDevice device;
        try
        {
            device = new CaptureFileReaderDevice(path);
            device.Open();
        }
        catch (DllNotFoundException e)
        {
            throw new CaptureFileException($"{path} could not be read: reading a capture needs libpcap, which this host lacks (on Debian: apt-get install libpcap0.8)", e);
        }
        catch (PcapException e)
        {
            throw new CaptureFileException($"{path} could not be opened as a capture: {e.Message}", e);
        }

        return Frames(device, path, end);
    }

    private static IEnumerable<CapturedFrame> Frames(CaptureFileReaderDevice device, string path, CaptureFileEnd end)
    {
        using (device)
        {
            while (true)
            {
                var status = device.GetNextPacket(out var capture);
                if (status == GetPacketStatus.NoRemainingPackets)
                {
                    yield break;
                }

                if (status == GetPacketStatus.Error)
                {
                    // libpcap reads with stdio: a record cut short by the end of the file leaves the stream at its end,
                    // a damaged one (a length past the snap length) before it.
                    if (end == CaptureFileEnd.MayBeCut && LibPcap.ReachedEndOfFile(device.Handle) == true)
                    {
                        yield break;
                    }

                    throw new CaptureFileException($"{path} is damaged after frame data that could be read: {device.LastError}");
                }

                if (status != GetPacketStatus.PacketRead)
                {
                    continue;
                }

                var raw = capture.GetPacket();
                yield return new CapturedFrame(ToTime(raw.Timeval), raw.LinkLayerType, raw.Data, WireLength(capture));
            }
        }
    }

    /// <summary>
    /// The frame's length on the wire, from libpcap's header: <see cref="RawCapture.PacketLength"/> is the length
    /// captured, so a frame cut by the snap length would look whole.
    /// </summary>
    public static int WireLength(in PacketCapture capture) => capture.Header is PcapHeader header ? (int)header.PacketLength : 0;

    /// <summary>A capture's timestamp as UTC.</summary>
    public static DateTimeOffset ToTime(PosixTimeval time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateTimeOffset.FromUnixTimeSeconds((long)time.Seconds).AddTicks((long)time.MicroSeconds * TimeSpan.TicksPerMicrosecond);
    }

    private static void Check(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CaptureFileException($"{path} is a directory, not a capture file.");
        }

        if (!File.Exists(path))
        {
            throw new CaptureFileException($"{path} does not exist.");
        }

        Span<byte> head = stackalloc byte[4];
        int read;
        try
        {
            using var stream = File.OpenRead(path);
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CaptureFileException($"{path} cannot be read: {e.Message}", e);
        }

        if (read < head.Length || !Magics.Contains(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(head)))
        {
            throw new CaptureFileException(
                $"{path} is not a capture file: it does not start like a pcap or pcapng file (write one with tcpdump -w, Wireshark or pxekit trace --write).");
        }
    }
}
