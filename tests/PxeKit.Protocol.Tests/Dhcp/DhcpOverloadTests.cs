using System.Net;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Protocol.Tests.Dhcp;

/// <summary>Option 57 (RFC 2132 section 9.10) and the file/sname overload (option 52, section 9.3), byte by byte.</summary>
public class DhcpOverloadTests
{
    [Fact]
    public void Options_past_the_size_go_into_a_free_file_field_with_option_52_saying_so()
    {
        var reply = Reply(bootFile: "");
        reply.MaximumLength = 260; // an options field of 20 bytes

        var bytes = Write(reply);

        Assert.Equal(260, bytes.Length);
        Assert.Equal(
            [
                0x35, 0x01, 0x02,                   // 53 message type: OFFER
                0x36, 0x04, 10, 47, 0, 1,           // 54 server identifier 10.47.0.1
                0x33, 0x04, 0x00, 0x00, 0x0e, 0x10, // 51 lease time 3600 s
                                                    // (1 does not fit before option 52 and End: it goes to file)
                0x34, 0x01, 0x01,                   // 52 overload: 1, the file field carries options
                0xff,                               // End
                0x00,                               // Pad up to the size
            ],
            bytes[240..260]);
        Assert.Equal(
            [
                0x01, 0x04, 255, 255, 255, 0, // 1 subnet mask 255.255.255.0
                0xff,                         // End of the file field's options
                0x00,                         // the rest of the field is Pad
            ],
            bytes[108..116]);
        Assert.All(bytes[44..108], b => Assert.Equal(0, b)); // sname untouched
        AssertReadsBack(reply, bytes);
    }

    [Fact]
    public void With_a_boot_file_in_file_only_sname_is_overloaded()
    {
        var reply = Reply(bootFile: "pxelinux.0");
        reply.MaximumLength = 260;

        var bytes = Write(reply);

        Assert.Equal("pxelinux.0\0"u8.ToArray(), bytes[108..119]); // file keeps the boot file name PXE firmware reads
        Assert.Equal([0x34, 0x01, 0x02], bytes[255..258]);         // 52 overload: 2, the sname field carries options
        Assert.Equal([0x01, 0x04, 255, 255, 255, 0, 0xff], bytes[44..51]); // 1 subnet mask, End
        AssertReadsBack(reply, bytes);
    }

    [Fact]
    public void A_reply_that_fits_its_options_field_is_not_overloaded()
    {
        var reply = Reply(bootFile: "");
        reply.MaximumLength = DhcpMessage.ReplyLimitFor(new DhcpMessage());

        var bytes = Write(reply);

        Assert.Equal(DhcpConstants.MinimumReplyLength, bytes.Length);
        Assert.DoesNotContain((byte)DhcpOptionCode.OptionOverload, bytes[240..262]);
    }

    [Fact]
    public void When_sname_is_not_enough_the_boot_file_name_moves_to_option_67_and_file_carries_options()
    {
        // A relayed client's long option 61 must be echoed (RFC 6842) and the reply must fit 548 bytes (RFC 2132 9.10):
        // 120 bytes of identifier fit neither the options field beside the rest nor sname's 64 bytes, only file's 128.
        var reply = Reply(bootFile: "pxelinux.0");
        reply.SetOption(DhcpOptionCode.DomainNameServer, new byte[4 * 20]);
        reply.SetOption(DhcpOptionCode.ClientIdentifier, new byte[120]);
        reply.MaximumLength = 400;

        var bytes = Write(reply);

        Assert.InRange(bytes.Length, 0, 400);
        Assert.Equal(DhcpParseError.None, DhcpMessage.TryParse(bytes, out var decoded));
        Assert.Equal("", decoded!.BootFile);                                              // file carries options now
        Assert.Equal("pxelinux.0"u8.ToArray(), decoded.GetOption(DhcpOptionCode.BootFileName)); // 67: the same name
        Assert.Equal(new byte[120], decoded.GetOption(DhcpOptionCode.ClientIdentifier));
        Assert.Equal([0x43, 0x0a], bytes[240..242]);                                     // 67 first, length 10
    }

    [Fact]
    public void A_boot_file_name_already_in_option_67_frees_file_without_a_second_copy()
    {
        // A client that lists 67 in option 55 gets the name in both places; when file is needed for options, 67 suffices.
        var reply = Reply(bootFile: "pxelinux.0");
        reply.SetString(DhcpOptionCode.BootFileName, "pxelinux.0");
        reply.SetOption(DhcpOptionCode.DomainNameServer, new byte[4 * 20]);
        reply.SetOption(DhcpOptionCode.ClientIdentifier, new byte[120]);
        reply.MaximumLength = 400;

        var bytes = Write(reply);

        Assert.Equal(DhcpParseError.None, DhcpMessage.TryParse(bytes, out var decoded));
        Assert.Equal("", decoded!.BootFile);
        Assert.Single(decoded.Options, o => o.Code == DhcpOptionCode.BootFileName);
        Assert.Equal("pxelinux.0"u8.ToArray(), decoded.GetOption(DhcpOptionCode.BootFileName));
        Assert.Equal(new byte[120], decoded.GetOption(DhcpOptionCode.ClientIdentifier));
    }

    [Fact]
    public void A_reply_that_fits_nowhere_is_refused_not_cut_short()
    {
        var reply = Reply(bootFile: "pxelinux.0");
        reply.ServerName = "tftp"; // sname is not free, and file holds no more than 128 bytes
        reply.SetOption(DhcpOptionCode.ClientIdentifier, new byte[200]);
        reply.MaximumLength = 260;

        Assert.False(reply.TryWriteTo(new byte[DhcpConstants.MaximumMessageLength], out _));
        Assert.Throws<InvalidOperationException>(() => reply.WriteTo(new byte[DhcpConstants.MaximumMessageLength]));
    }

    [Theory]
    [InlineData(null, 548)]   // no option 57: the 576-byte datagram every client takes, less IPv4 and UDP headers
    [InlineData(576, 548)]
    [InlineData(300, 548)]    // below the legal minimum: 576
    [InlineData(1500, 1472)]  // PXE firmware's usual value
    [InlineData(65535, DhcpConstants.MaximumMessageLength)]
    public void The_reply_limit_follows_option_57_and_is_never_below_576(int? option57, int limit)
    {
        var request = new DhcpMessage();
        if (option57 is { } size)
        {
            request.SetOption(DhcpOptionCode.MaximumMessageSize, [(byte)(size >> 8), (byte)size]);
        }

        Assert.Equal(limit, DhcpMessage.ReplyLimitFor(request));
    }

    private static DhcpMessage Reply(string bootFile)
    {
        var reply = new DhcpMessage { Op = DhcpOpCode.BootReply, TransactionId = 0x01020304, BootFile = bootFile };
        reply.MessageType = DhcpMessageType.Offer;
        reply.SetAddress(DhcpOptionCode.ServerIdentifier, IPAddress.Parse("10.47.0.1"));
        reply.SetUInt32(DhcpOptionCode.LeaseTime, 3600);
        reply.SetAddress(DhcpOptionCode.SubnetMask, IPAddress.Parse("255.255.255.0"));
        return reply;
    }

    private static byte[] Write(DhcpMessage reply)
    {
        var buffer = new byte[DhcpConstants.MaximumMessageLength];
        Assert.True(reply.TryWriteTo(buffer, out int length));
        return buffer[..length];
    }

    private static void AssertReadsBack(DhcpMessage reply, byte[] bytes)
    {
        Assert.Equal(DhcpParseError.None, DhcpMessage.TryParse(bytes, out var decoded));
        Assert.Equal(reply.BootFile, decoded!.BootFile);
        Assert.Equal(
            reply.Options.Select(o => $"{(byte)o.Code}:{Convert.ToHexString(o.Data)}"),
            decoded.Options.Select(o => $"{(byte)o.Code}:{Convert.ToHexString(o.Data)}"));
    }
}
