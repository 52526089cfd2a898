using PxeKit.Protocol.Dhcp;

namespace PxeKit.Protocol.Tests.Dhcp;

public class DhcpMessageViewTests
{
    [Fact]
    public void Reads_every_header_field_and_option_of_a_pxe_discover()
    {
        var packet = DhcpTestPackets.PxeDiscover();

        Assert.Equal(DhcpParseError.None, DhcpMessageView.TryParse(packet, out var view));
        Assert.Equal(DhcpOpCode.BootRequest, view.Op);
        Assert.Equal(0x1a2b3c4du, view.TransactionId);
        Assert.Equal(4, view.Seconds);
        Assert.True(view.Broadcast);
        Assert.Equal("52:54:00:12:34:56", MacAddress.Format(view.ClientHardwareAddress));
        Assert.Equal(DhcpMessageType.Discover, view.MessageType);
        Assert.True(view.TryGetOption(DhcpOptionCode.VendorClassIdentifier, out var vendor));
        Assert.Equal("PXEClient:Arch:00000:UNDI:002001"u8.ToArray(), vendor.ToArray());
        Assert.False(view.TryGetOption(DhcpOptionCode.Router, out _));
    }

    [Fact]
    public void Every_prefix_shorter_than_the_header_is_truncated()
    {
        var packet = DhcpTestPackets.PxeDiscover();
        for (int length = 0; length < DhcpConstants.OptionsOffset; length++)
        {
            Assert.Equal(DhcpParseError.Truncated, DhcpMessageView.TryParse(packet.AsSpan(0, length), out _));
        }
    }

    [Fact]
    public void A_prefix_that_cuts_an_option_is_a_bad_option_length()
    {
        var packet = DhcpTestPackets.PxeDiscover();
        // Byte 241 is the length of option 53; cutting right after it leaves the value outside.
        Assert.Equal(DhcpParseError.BadOptionLength, DhcpMessageView.TryParse(packet.AsSpan(0, 242), out _));
    }

    [Theory]
    [InlineData(0, (byte)3, DhcpParseError.BadOpCode)]
    [InlineData(2, (byte)17, DhcpParseError.BadHardwareLength)]
    [InlineData(236, (byte)0, DhcpParseError.BadMagicCookie)]
    public void Bad_header_fields_give_their_reason(int offset, byte value, DhcpParseError expected)
    {
        var packet = DhcpTestPackets.PxeDiscover();
        packet[offset] = value;
        Assert.Equal(expected, DhcpMessageView.TryParse(packet, out _));
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(2131);
        var valid = DhcpTestPackets.PxeDiscover();
        for (int i = 0; i < 20_000; i++)
        {
            var bytes = i % 2 == 0 ? new byte[random.Next(0, 600)] : (byte[])valid.Clone();
            if (i % 2 == 0)
            {
                random.NextBytes(bytes);
                if (bytes.Length >= 240)
                {
                    bytes[236] = 99; bytes[237] = 130; bytes[238] = 83; bytes[239] = 99;
                    bytes[0] = 1;
                    bytes[2] = 6;
                }
            }
            else
            {
                bytes[240 + random.Next(valid.Length - 240)] = (byte)random.Next(256);
            }

            var error = DhcpMessage.TryParse(bytes, out var message);
            Assert.Equal(error == DhcpParseError.None, message is not null);
            if (message is not null)
            {
                _ = DhcpMessageFormatter.Format(message);
            }
        }
    }

    [Fact]
    public void Options_in_overloaded_file_and_sname_fields_are_read_after_the_options_field()
    {
        var packet = DhcpTestPackets.PxeDiscover()[..240];
        // file field (108..235): option 67 "boot.ipxe", end.
        byte[] inFile = [67, 9, .. "boot.ipxe"u8, 255];
        inFile.CopyTo(packet, 108);
        // sname field (44..107): option 66 "10.0.0.1", end.
        byte[] inSname = [66, 8, .. "10.0.0.1"u8, 255];
        inSname.CopyTo(packet, 44);
        packet = [.. packet, 53, 1, 2, 52, 1, 3, 255];         // OFFER, overload both fields

        Assert.Equal(DhcpParseError.None, DhcpMessage.TryParse(packet, out var message));
        Assert.Equal("boot.ipxe", message!.GetString(DhcpOptionCode.BootFileName));
        Assert.Equal("10.0.0.1", message.GetString(DhcpOptionCode.TftpServerName));
        Assert.Equal("", message.BootFile);
        Assert.Equal("", message.ServerName);
        Assert.Null(message.GetOption(DhcpOptionCode.OptionOverload));
    }

    [Fact]
    public void Bad_overload_values_are_refused()
    {
        var packet = DhcpTestPackets.PxeDiscover()[..240];
        Assert.Equal(DhcpParseError.BadOverload, DhcpMessageView.TryParse([.. packet, 52, 1, 4, 255], out _));
        Assert.Equal(DhcpParseError.BadOverload, DhcpMessageView.TryParse([.. packet, 52, 2, 1, 1, 255], out _));
    }

    [Fact]
    public void A_split_option_is_concatenated_as_RFC_3396_says()
    {
        var packet = DhcpTestPackets.PxeDiscover()[..240];
        packet = [.. packet, 53, 1, 1, 43, 2, 1, 2, 12, 1, (byte)'x', 43, 3, 3, 4, 5, 255];

        Assert.Equal(DhcpParseError.None, DhcpMessageView.TryParse(packet, out var view));
        Assert.True(view.TryGetOption(DhcpOptionCode.VendorSpecific, out var joined));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, joined.ToArray());
    }

    [Fact]
    public void A_missing_end_option_is_accepted()
    {
        var packet = DhcpTestPackets.PxeDiscover();
        Assert.Equal(DhcpParseError.None, DhcpMessageView.TryParse(packet.AsSpan(0, packet.Length - 1), out var view));
        Assert.Equal(DhcpMessageType.Discover, view.MessageType);
    }
}
