using System.Text;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Protocol.Tests.Tftp;

public sealed class TftpPacketTests
{
    // RRQ as iPXE sends it (see Data/qemu-bios-ipxe-tftp.pcap).
    private static readonly byte[] ReadRequest =
    [
        0x00, 0x01,                                                       // opcode 1: RRQ
        (byte)'p', (byte)'x', (byte)'e', (byte)'l', (byte)'i', (byte)'n', (byte)'u', (byte)'x', (byte)'.', (byte)'0', 0x00, // filename "pxelinux.0"
        (byte)'O', (byte)'c', (byte)'T', (byte)'e', (byte)'T', 0x00,      // mode "OcTeT" (case-insensitive)
        (byte)'b', (byte)'l', (byte)'k', (byte)'s', (byte)'i', (byte)'z', (byte)'e', 0x00, // option "blksize"
        (byte)'1', (byte)'4', (byte)'3', (byte)'2', 0x00,                 //   value "1432"
        (byte)'T', (byte)'S', (byte)'I', (byte)'Z', (byte)'E', 0x00,      // option "TSIZE" (names are case-insensitive)
        (byte)'0', 0x00,                                                  //   value "0"
        (byte)'x', (byte)'-', (byte)'y', 0x00,                            // unknown option "x-y"
        (byte)'z', 0x00,                                                  //   value "z": ignored (RFC 2347)
    ];

    private static readonly byte[] Data =
    [
        0x00, 0x03,             // opcode 3: DATA
        0xFF, 0xFF,             // block 65535
        0xDE, 0xAD, 0xBE, 0xEF, // 4 bytes of payload
    ];

    private static readonly byte[] Ack =
    [
        0x00, 0x04, // opcode 4: ACK
        0x00, 0x00, // block 0 (acknowledges an OACK, or block 65536 after a rollover)
    ];

    private static readonly byte[] Error =
    [
        0x00, 0x05,                                    // opcode 5: ERROR
        0x00, 0x08,                                    // code 8: option negotiation refused
        (byte)'n', (byte)'o', 0x00,                    // message "no"
    ];

    private static readonly byte[] OptionAck =
    [
        0x00, 0x06,                                                       // opcode 6: OACK
        (byte)'t', (byte)'s', (byte)'i', (byte)'z', (byte)'e', 0x00,      // option "tsize"
        (byte)'4', (byte)'2', 0x00,                                       //   value "42"
    ];

    public static TheoryData<byte[]> ValidPackets => new() { ReadRequest, Data, Ack, Error, OptionAck };

    [Fact]
    public void Read_request_vector()
    {
        Assert.Equal(TftpParseError.None, TftpPacket.TryParse(ReadRequest, out var packet));

        Assert.Equal(TftpOpcode.ReadRequest, packet.Opcode);
        Assert.True(packet.IsRequest);
        Assert.Equal("pxelinux.0", Encoding.ASCII.GetString(packet.FileName));
        Assert.Equal(TftpMode.Octet, packet.Mode);
        var options = packet.GetRequestOptions();
        Assert.Equal(1432, options.BlockSize);
        Assert.Equal(0, options.TransferSize);
        Assert.Null(options.TimeoutSeconds);
        Assert.Null(options.WindowSize);
        var names = new List<string>();
        foreach (var option in packet.Options)
        {
            names.Add(Encoding.ASCII.GetString(option.Name) + "=" + Encoding.ASCII.GetString(option.Value));
        }

        Assert.Equal(["blksize=1432", "TSIZE=0", "x-y=z"], names);
    }

    [Fact]
    public void Data_vector()
    {
        Assert.Equal(TftpParseError.None, TftpPacket.TryParse(Data, out var packet));

        Assert.Equal(TftpOpcode.Data, packet.Opcode);
        Assert.Equal(65535, packet.Block);
        Assert.Equal([0xDE, 0xAD, 0xBE, 0xEF], packet.Data.ToArray());
    }

    [Fact]
    public void Ack_vector()
    {
        Assert.Equal(TftpParseError.None, TftpPacket.TryParse(Ack, out var packet));

        Assert.Equal(TftpOpcode.Ack, packet.Opcode);
        Assert.Equal(0, packet.Block);
    }

    [Fact]
    public void Error_vector()
    {
        Assert.Equal(TftpParseError.None, TftpPacket.TryParse(Error, out var packet));

        Assert.Equal(TftpErrorCode.OptionNegotiationFailed, packet.ErrorCode);
        Assert.Equal("no", Encoding.ASCII.GetString(packet.ErrorMessage));
    }

    [Fact]
    public void Option_ack_vector()
    {
        Assert.Equal(TftpParseError.None, TftpPacket.TryParse(OptionAck, out var packet));

        Assert.Equal(TftpOpcode.OptionAck, packet.Opcode);
        Assert.Equal(42, packet.GetRequestOptions().TransferSize);
    }

    [Theory]
    [InlineData(new byte[] { }, TftpParseError.Truncated)]
    [InlineData(new byte[] { 0x00 }, TftpParseError.Truncated)]
    [InlineData(new byte[] { 0x00, 0x07 }, TftpParseError.UnknownOpcode)]
    [InlineData(new byte[] { 0x00, 0x00 }, TftpParseError.UnknownOpcode)]
    [InlineData(new byte[] { 0x01, 0x01 }, TftpParseError.UnknownOpcode)]
    [InlineData(new byte[] { 0x00, 0x01, 0x61, 0x00, 0x6D, 0x61, 0x69, 0x6C, 0x00 }, TftpParseError.BadMode)] // mode "mail": obsolete
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x6F, 0x63, 0x74, 0x65, 0x74, 0x00 }, TftpParseError.EmptyFileName)]
    [InlineData(new byte[] { 0x00, 0x02, 0x61, 0x00, 0x6F, 0x63, 0x74, 0x65, 0x74 }, TftpParseError.MissingTerminator)] // mode without NUL
    [InlineData(new byte[] { 0x00, 0x01, 0x61, 0x00, 0x6F, 0x63, 0x74, 0x65, 0x74, 0x00, 0x62, 0x00 }, TftpParseError.BadOption)] // "b" without value
    [InlineData(new byte[] { 0x00, 0x01, 0x61, 0x00, 0x6F, 0x63, 0x74, 0x65, 0x74, 0x00, 0x62, 0x00, 0x31 }, TftpParseError.MissingTerminator)]
    [InlineData(new byte[] { 0x00, 0x01, 0x61, 0x00, 0x6F, 0x63, 0x74, 0x65, 0x74, 0x00, 0x00, 0x62, 0x00, 0x31, 0x00 }, TftpParseError.BadOption)] // empty name
    [InlineData(new byte[] { 0x00, 0x03, 0x00 }, TftpParseError.Truncated)]
    [InlineData(new byte[] { 0x00, 0x04, 0x00 }, TftpParseError.Truncated)]
    [InlineData(new byte[] { 0x00, 0x05, 0x00 }, TftpParseError.Truncated)]
    [InlineData(new byte[] { 0x00, 0x06, 0x61 }, TftpParseError.MissingTerminator)]
    public void Bad_packets_give_their_reason(byte[] datagram, TftpParseError expected)
    {
        Assert.Equal(expected, TftpPacket.TryParse(datagram, out _));
    }

    [Fact]
    public void Zero_padding_after_the_options_is_accepted()
    {
        byte[] padded = [.. ReadRequest, 0x00, 0x00, 0x00];

        Assert.Equal(TftpParseError.None, TftpPacket.TryParse(padded, out var packet));
        Assert.Equal(1432, packet.GetRequestOptions().BlockSize);
    }

    [Fact]
    public void Hostile_filename_bytes_are_kept_for_the_server_to_refuse()
    {
        byte[] request = [0x00, 0x01, (byte)'a', 0x1B, 0xC0, 0xAF, (byte)'b', 0x00, (byte)'o', (byte)'c', (byte)'t', (byte)'e', (byte)'t', 0x00];

        Assert.Equal(TftpParseError.None, TftpPacket.TryParse(request, out var packet));
        Assert.Equal([(byte)'a', 0x1B, 0xC0, 0xAF, (byte)'b'], packet.FileName.ToArray());
    }

    [Theory]
    [InlineData("blksize", "-1")]
    [InlineData("blksize", "+8")]
    [InlineData("blksize", " 8")]
    [InlineData("blksize", "")]
    [InlineData("blksize", "99999999999999999999")] // overflows a long
    [InlineData("timeout", "1.5")]
    public void Option_values_that_are_not_plain_numbers_are_ignored(string name, string value)
    {
        var buffer = new byte[256];
        var length = TftpPacketWriter.WriteRequest(buffer, TftpOpcode.ReadRequest, "f", TftpMode.Octet, [new(name, value)]);

        Assert.Equal(TftpParseError.None, TftpPacket.TryParse(buffer.AsSpan(0, length), out var packet));
        Assert.False(packet.GetRequestOptions().Any);
    }

    [Fact]
    public void The_first_of_a_repeated_option_wins()
    {
        var buffer = new byte[256];
        var length = TftpPacketWriter.WriteRequest(buffer, TftpOpcode.ReadRequest, "f", TftpMode.NetAscii, [new("blksize", "1024"), new("BLKSIZE", "512")]);

        Assert.Equal(TftpParseError.None, TftpPacket.TryParse(buffer.AsSpan(0, length), out var packet));
        Assert.Equal(TftpMode.NetAscii, packet.Mode);
        Assert.Equal(1024, packet.GetRequestOptions().BlockSize);
    }

    [Theory]
    [MemberData(nameof(ValidPackets))]
    public void Every_proper_prefix_of_a_valid_packet_is_refused_or_parses_without_throwing(byte[] valid)
    {
        for (var length = 0; length < valid.Length; length++)
        {
            var error = TftpPacket.TryParse(valid.AsSpan(0, length), out _);
            if (length < 2)
            {
                Assert.Equal(TftpParseError.Truncated, error);
            }
            else if (valid[1] is 1 or 2 or 6)
            {
                // A request or OACK cut short loses a terminator (or leaves a name without a value),
                // except where the cut falls exactly after a complete NUL-terminated pair.
                Assert.True(error is TftpParseError.MissingTerminator or TftpParseError.BadOption or TftpParseError.None, $"{length}: {error}");
            }
        }
    }

    [Fact]
    public void Fixed_headers_cut_short_are_truncated()
    {
        Assert.Equal(TftpParseError.Truncated, TftpPacket.TryParse(Data.AsSpan(0, 3), out _));
        Assert.Equal(TftpParseError.Truncated, TftpPacket.TryParse(Ack.AsSpan(0, 3), out _));
        Assert.Equal(TftpParseError.Truncated, TftpPacket.TryParse(Error.AsSpan(0, 3), out _));
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(20251125);
        var buffer = new byte[600];
        for (var i = 0; i < 200_000; i++)
        {
            var length = random.Next(buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));

            // Bias towards valid opcodes and NUL-rich bodies, where the interesting paths are.
            if (length >= 2 && i % 2 == 0)
            {
                buffer[0] = 0;
                buffer[1] = (byte)random.Next(0, 8);
                for (var j = 2; j < length; j++)
                {
                    if (random.Next(4) == 0)
                    {
                        buffer[j] = 0;
                    }
                }
            }

            var error = TftpPacket.TryParse(buffer.AsSpan(0, length), out var packet);
            if (error == TftpParseError.None)
            {
                foreach (var option in packet.Options)
                {
                    _ = option.TryGetNumber(out _);
                }

                _ = packet.GetRequestOptions();
            }
        }
    }
}
