using System.Net;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Protocol.Tests.Dhcp;

public class DhcpMessageTests
{
    [Fact]
    public void Typed_accessors_read_the_pxe_options()
    {
        Assert.Equal(DhcpParseError.None, DhcpMessage.TryParse(DhcpTestPackets.PxeDiscover(), out var m));
        Assert.Equal(DhcpMessageType.Discover, m!.MessageType);
        Assert.Equal([ClientArchitecture.IntelX86Pc], m.ClientArchitectures);
        Assert.Equal(["iPXE"], m.UserClasses);
        Assert.True(m.IsIpxe);
        Assert.True(m.IsPxeClient);
        Assert.False(m.IsHttpClient);
        Assert.Equal(new byte[] { 1, 3, 66, 67 }, m.ParameterRequestList);
    }

    [Fact]
    public void The_decoded_mac_vendor_class_and_user_classes_follow_a_change_made_through_the_message()
    {
        Assert.Equal(DhcpParseError.None, DhcpMessage.TryParse(DhcpTestPackets.PxeDiscover(), out var m));
        Assert.Same(m!.VendorClass, m.VendorClass); // decoded once
        Assert.Same(m.ClientMac, m.ClientMac);

        m.SetString(DhcpOptionCode.VendorClassIdentifier, "HTTPClient:Arch:00016");
        m.SetOption(DhcpOptionCode.UserClass, [4, .. "iPXE"u8, 3, .. "lab"u8]);
        m.ClientHardwareAddress = [0x02, 0, 0, 0, 0, 0x09];

        Assert.Equal("HTTPClient:Arch:00016", m.VendorClass);
        Assert.Equal(["iPXE", "lab"], m.UserClasses);
        Assert.Equal("02:00:00:00:00:09", m.ClientMac);

        Assert.True(m.RemoveOption(DhcpOptionCode.VendorClassIdentifier));
        Assert.True(m.RemoveOption(DhcpOptionCode.UserClass));
        Assert.Null(m.VendorClass);
        Assert.Empty(m.UserClasses);
    }

    [Fact]
    public void Decode_encode_decode_gives_the_same_message()
    {
        Assert.Equal(DhcpParseError.None, DhcpMessage.TryParse(DhcpTestPackets.PxeDiscover(), out var first));
        var buffer = new byte[DhcpConstants.MaximumMessageLength];
        int length = first!.WriteTo(buffer);
        Assert.Equal(DhcpParseError.None, DhcpMessage.TryParse(buffer.AsSpan(0, length), out var second));
        Assert.Equal(DhcpMessageFormatter.Format(first), DhcpMessageFormatter.Format(second!));
    }

    [Fact]
    public void Encoding_pads_to_300_bytes_and_puts_option_82_last()
    {
        var m = new DhcpMessage { Op = DhcpOpCode.BootReply, TransactionId = 7 };
        m.SetOption(DhcpOptionCode.RelayAgentInformation, [1, 2, 0xab, 0xcd]);
        m.MessageType = DhcpMessageType.Offer;
        m.SetAddress(DhcpOptionCode.ServerIdentifier, IPAddress.Parse("10.47.0.1"));
        var buffer = new byte[DhcpConstants.MaximumMessageLength];

        int length = m.WriteTo(buffer);

        Assert.Equal(DhcpConstants.MinimumReplyLength, length);
        // 240: 53 1 2 | 243: 54 4 10.47.0.1 | 249: 82 4 1 2 ab cd | 255: End
        Assert.Equal(new byte[] { 53, 1, 2, 54, 4, 10, 47, 0, 1, 82, 4, 1, 2, 0xab, 0xcd, 255 }, buffer[240..256]);
    }

    [Fact]
    public void A_value_longer_than_255_bytes_is_split_and_joined_back()
    {
        var m = new DhcpMessage();
        var big = Enumerable.Range(0, 600).Select(i => (byte)i).ToArray();
        m.SetOption(DhcpOptionCode.VendorSpecific, big);
        var buffer = new byte[DhcpConstants.MaximumMessageLength];
        int length = m.WriteTo(buffer);

        Assert.Equal(43, buffer[240]);
        Assert.Equal(255, buffer[241]);
        Assert.Equal(DhcpParseError.None, DhcpMessage.TryParse(buffer.AsSpan(0, length), out var back));
        Assert.Equal(big, back!.GetOption(DhcpOptionCode.VendorSpecific));
    }

    [Fact]
    public void A_too_long_boot_file_is_a_programming_error_not_a_silent_cut()
    {
        var m = new DhcpMessage { BootFile = new string('a', 128) };
        Assert.Throws<InvalidOperationException>(() => m.WriteTo(new byte[DhcpConstants.MaximumMessageLength]));
    }

    [Theory]
    [InlineData(new byte[] { 4, (byte)'i', (byte)'P', (byte)'X', (byte)'E' }, new[] { "iPXE" })]
    [InlineData(new byte[] { 1, (byte)'a', 2, (byte)'b', (byte)'c' }, new[] { "a", "bc" })]
    [InlineData(new byte[] { (byte)'i', (byte)'P', (byte)'X', (byte)'E' }, new[] { "iPXE" })]
    public void User_class_reads_RFC_3004_lists_and_bare_strings(byte[] data, string[] expected) =>
        Assert.Equal(expected, UserClass.Parse(data));

    [Theory]
    [InlineData(new byte[] { 4, (byte)'i', (byte)'P', (byte)'X', (byte)'E' }, true)]
    [InlineData(new byte[] { 1, (byte)'a', 4, (byte)'i', (byte)'P', (byte)'X', (byte)'E' }, true)]
    [InlineData(new byte[] { (byte)'i', (byte)'P', (byte)'X', (byte)'E' }, true)]
    // An item list cut short is one bare name, as Parse reads it: its first item does not count on its own.
    [InlineData(new byte[] { 4, (byte)'i', (byte)'P', (byte)'X', (byte)'E', 9 }, false)]
    [InlineData(new byte[] { 5, (byte)'i', (byte)'P', (byte)'X', (byte)'E', (byte)'2' }, false)]
    [InlineData(new byte[] { }, false)]
    public void User_class_is_searched_in_place_as_Parse_reads_it(byte[] data, bool expected)
    {
        Assert.Equal(expected, UserClass.Contains(data, "iPXE"u8));
        Assert.Equal(UserClass.Parse(data).Contains("iPXE"), UserClass.Contains(data, "iPXE"u8));
    }

    [Fact]
    public void The_architecture_is_the_first_of_option_93_and_null_without_it()
    {
        var m = new DhcpMessage();
        Assert.Null(m.Architecture);
        m.SetOption(DhcpOptionCode.ClientSystemArchitecture, [0, 7, 0, 0]);
        Assert.Equal(ClientArchitecture.EfiBc, m.Architecture);
        Assert.Equal([ClientArchitecture.EfiBc, ClientArchitecture.IntelX86Pc], m.ClientArchitectures);
        m.SetOption(DhcpOptionCode.ClientSystemArchitecture, [0]);
        Assert.Null(m.Architecture);
    }

    [Fact]
    public void Options_are_set_in_place_removed_once_and_unset_addresses_are_the_shared_any()
    {
        Assert.Equal(DhcpParseError.None, DhcpMessage.TryParse(DhcpTestPackets.PxeDiscover(), out var m));
        var codes = m!.Options.Select(o => o.Code).ToList();
        m.SetString(DhcpOptionCode.VendorClassIdentifier, "HTTPClient");
        Assert.Equal(codes, m.Options.Select(o => o.Code));
        Assert.True(m.IsHttpClient);
        Assert.False(m.IsPxeClient);
        Assert.True(m.RemoveOption(DhcpOptionCode.VendorClassIdentifier));
        Assert.False(m.RemoveOption(DhcpOptionCode.VendorClassIdentifier));
        Assert.False(m.IsHttpClient);
        Assert.Same(IPAddress.Any, m.ClientAddress);
        Assert.Same(IPAddress.Any, Ipv4.ToAddress(0));
        Assert.Equal(IPAddress.Parse("10.0.0.1"), Ipv4.ToAddress(0x0a000001));
    }

    [Theory]
    [InlineData("52:54:00:AB:cd:ef", "52:54:00:ab:cd:ef")]
    [InlineData("52-54-00-ab-cd-ef", "52:54:00:ab:cd:ef")]
    [InlineData("52:54:00:ab:cd", null)]
    [InlineData("52:54:00:ab:cd:zz", null)]
    [InlineData("", null)]
    public void Mac_addresses_normalise(string text, string? expected) =>
        Assert.Equal(expected, MacAddress.Normalize(text));
}
