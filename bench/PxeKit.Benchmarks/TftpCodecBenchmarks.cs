using BenchmarkDotNet.Attributes;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Benchmarks;

/// <summary>TFTP packets read and written: the request iPXE sent (captured), ACK, DATA and OACK.</summary>
[MemoryDiagnoser]
public class TftpCodecBenchmarks
{
    private static readonly KeyValuePair<string, string>[] OptionAck =
    [
        new("blksize", "1432"),
        new("tsize", "42386"),
    ];

    private readonly byte[] _buffer = new byte[TftpConstants.MaxPacketLength];
    private byte[] _request = [];
    private byte[] _ack = [];
    private byte[] _data = [];

    [GlobalSetup]
    public void Setup()
    {
        var captured = CapturedPackets.UdpPayloads("qemu-bios-ipxe-tftp.pcap");
        _request = captured.First(p => p[1] == (byte)TftpOpcode.ReadRequest);
        _ack = captured.First(p => p[1] == (byte)TftpOpcode.Ack);
        _data = captured.First(p => p[1] == (byte)TftpOpcode.Data);
    }

    /// <summary>RRQ with blksize and tsize, and the options read out as numbers.</summary>
    [Benchmark]
    public long DecodeReadRequest()
    {
        TftpPacket.TryParse(_request, out var packet);
        var options = packet.GetRequestOptions();
        return (options.BlockSize ?? 0) + packet.FileName.Length;
    }

    [Benchmark]
    public ushort DecodeAck()
    {
        TftpPacket.TryParse(_ack, out var packet);
        return packet.Block;
    }

    [Benchmark]
    public int DecodeData()
    {
        TftpPacket.TryParse(_data, out var packet);
        return packet.Data.Length;
    }

    [Benchmark]
    public int EncodeDataHeader() => TftpPacketWriter.WriteDataHeader(_buffer, 4242);

    [Benchmark]
    public int EncodeAck() => TftpPacketWriter.WriteAck(_buffer, 4242);

    [Benchmark]
    public int EncodeOptionAck() => TftpPacketWriter.WriteOptionAck(_buffer, OptionAck);

    /// <summary>What a client sends first: RRQ with blksize, tsize and windowsize.</summary>
    [Benchmark]
    public int EncodeReadRequest() =>
        TftpPacketWriter.WriteRequest(_buffer, TftpOpcode.ReadRequest, "pxelinux.0", TftpMode.Octet, OptionAck);
}
