using System.Buffers.Binary;
using PacketDotNet;

namespace PxeKit.Core.Capture;

/// <summary>
/// Writes frames as a pcapng file (draft-ietf-opsawg-pcapng: a Section Header Block, one Interface
/// Description Block per link type, then an Enhanced Packet Block per frame), which Wireshark and tcpdump
/// open. Timestamps are in microseconds, the default resolution. Little-endian, as the byte-order magic says.
/// A live capture has one link type; frames of several link types make one interface each, which
/// Wireshark reads but libpcap (tcpdump) refuses.
/// </summary>
public sealed class PcapNgWriter : IDisposable
{
    private const uint SectionHeaderType = 0x0A0D0D0A;
    private const uint ByteOrderMagic = 0x1A2B3C4D;
    private const uint InterfaceDescriptionType = 0x00000001;
    private const uint EnhancedPacketType = 0x00000006;
    private const int SnapLength = 262144;
    private readonly Stream _stream;
    private readonly Dictionary<LinkLayers, int> _interfaces = [];

    /// <summary>Starts the file with its section header.</summary>
    public PcapNgWriter(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        Span<byte> block = stackalloc byte[28];
        BinaryPrimitives.WriteUInt32LittleEndian(block, SectionHeaderType);
        BinaryPrimitives.WriteUInt32LittleEndian(block[4..], (uint)block.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(block[8..], ByteOrderMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(block[12..], 1); // major version
        BinaryPrimitives.WriteUInt16LittleEndian(block[14..], 0); // minor version
        BinaryPrimitives.WriteInt64LittleEndian(block[16..], -1); // section length: not given
        BinaryPrimitives.WriteUInt32LittleEndian(block[24..], (uint)block.Length);
        _stream.Write(block);
    }

    /// <summary>Creates (or replaces) a file and starts it.</summary>
    public static PcapNgWriter Create(string path) => new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read));

    /// <summary>Frames written.</summary>
    public int Count { get; private set; }

    public void Write(in CapturedFrame frame)
    {
        int interfaceId = InterfaceFor(frame.LinkType);
        var data = frame.Data.Span;
        int padded = (data.Length + 3) & ~3;
        int length = 28 + padded + 4;
        var block = new byte[length];
        long micros = (frame.Time - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
        BinaryPrimitives.WriteUInt32LittleEndian(block, EnhancedPacketType);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(4), (uint)length);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(8), (uint)interfaceId);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(12), (uint)(micros >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(16), (uint)micros);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(20), (uint)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(24), (uint)frame.WireLength);
        data.CopyTo(block.AsSpan(28));
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(length - 4), (uint)length);
        _stream.Write(block);
        Count++;
    }

    public void Flush() => _stream.Flush();

    public void Dispose() => _stream.Dispose();

    private int InterfaceFor(LinkLayers link)
    {
        if (_interfaces.TryGetValue(link, out int id))
        {
            return id;
        }

        Span<byte> block = stackalloc byte[20];
        BinaryPrimitives.WriteUInt32LittleEndian(block, InterfaceDescriptionType);
        BinaryPrimitives.WriteUInt32LittleEndian(block[4..], (uint)block.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(block[8..], LinkType(link));
        BinaryPrimitives.WriteUInt16LittleEndian(block[10..], 0); // reserved
        BinaryPrimitives.WriteUInt32LittleEndian(block[12..], SnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(block[16..], (uint)block.Length);
        _stream.Write(block);
        id = _interfaces.Count;
        _interfaces[link] = id;
        return id;
    }

    /// <summary>
    /// The LINKTYPE_ value pcapng files carry. libpcap hands out DLT_ values, which are the same numbers
    /// except raw IP: DLT_RAW is 12 on Linux (14 on OpenBSD) and LINKTYPE_RAW is 101.
    /// </summary>
    private static ushort LinkType(LinkLayers link) => (int)link is 12 or 14 ? (ushort)101 : (ushort)link;
}
