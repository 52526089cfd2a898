using System.Text;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Protocol.Tests.Tftp;

public sealed class TftpPacketWriterTests
{
    [Fact]
    public void Request_round_trips()
    {
        var buffer = new byte[128];
        var length = TftpPacketWriter.WriteRequest(buffer, TftpOpcode.ReadRequest, "boot/vmlinuz", TftpMode.Octet, [new("blksize", "1468"), new("windowsize", "8")]);

        Assert.Equal(
            "\0\u0001boot/vmlinuz\0octet\0blksize\u00001468\0windowsize\u00008\0",
            Encoding.ASCII.GetString(buffer, 0, length));
        Assert.Equal(TftpParseError.None, TftpPacket.TryParse(buffer.AsSpan(0, length), out var packet));
        Assert.Equal(new TftpRequestOptions { BlockSize = 1468, WindowSize = 8 }, packet.GetRequestOptions());
    }

    [Fact]
    public void Data_header_and_ack()
    {
        var buffer = new byte[4];

        Assert.Equal(4, TftpPacketWriter.WriteDataHeader(buffer, 0x1234));
        Assert.Equal([0x00, 0x03, 0x12, 0x34], buffer);
        Assert.Equal(4, TftpPacketWriter.WriteAck(buffer, 65535));
        Assert.Equal([0x00, 0x04, 0xFF, 0xFF], buffer);
    }

    [Fact]
    public void Error_message_is_reduced_to_printable_ascii()
    {
        var buffer = new byte[32];
        var length = TftpPacketWriter.WriteError(buffer, TftpErrorCode.AccessViolation, "caf\u00e9\0\n");

        Assert.Equal([0x00, 0x05, 0x00, 0x02, (byte)'c', (byte)'a', (byte)'f', (byte)'?', (byte)'?', (byte)'?', 0x00], buffer[..length]);
    }

    [Fact]
    public void Option_ack_round_trips()
    {
        var buffer = new byte[64];
        var length = TftpPacketWriter.WriteOptionAck(buffer, [new("tsize", "123456"), new("blksize", "512")]);

        Assert.Equal(TftpParseError.None, TftpPacket.TryParse(buffer.AsSpan(0, length), out var packet));
        Assert.Equal(TftpOpcode.OptionAck, packet.Opcode);
        Assert.Equal(new TftpRequestOptions { TransferSize = 123456, BlockSize = 512 }, packet.GetRequestOptions());
    }

    [Fact]
    public void A_buffer_too_small_is_a_programmer_error()
    {
        Assert.Throws<ArgumentException>(() => TftpPacketWriter.WriteAck(new byte[3], 1));
        Assert.Throws<ArgumentException>(() => TftpPacketWriter.WriteRequest(new byte[8], TftpOpcode.ReadRequest, "pxelinux.0", TftpMode.Octet));
        Assert.Throws<ArgumentOutOfRangeException>(() => TftpPacketWriter.WriteRequest(new byte[64], TftpOpcode.Data, "x", TftpMode.Octet));
    }
}
