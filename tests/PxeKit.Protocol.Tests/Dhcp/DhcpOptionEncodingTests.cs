using PxeKit.Protocol.Dhcp;

namespace PxeKit.Protocol.Tests.Dhcp;

/// <summary>Option values from the configuration's text to the wire (issue 18).</summary>
public sealed class DhcpOptionEncodingTests
{
    [Theory]
    [InlineData(DhcpOptionType.Address, new[] { "10.0.0.1" }, "0a000001")]
    [InlineData(DhcpOptionType.Addresses, new[] { "10.0.0.1", "10.0.0.2" }, "0a0000010a000002")]
    [InlineData(DhcpOptionType.UInt8, new[] { "255" }, "ff")]
    [InlineData(DhcpOptionType.UInt16, new[] { "1500" }, "05dc")]
    [InlineData(DhcpOptionType.UInt32, new[] { "4294967295" }, "ffffffff")]
    [InlineData(DhcpOptionType.Int32, new[] { "-3600" }, "fffff1f0")]
    [InlineData(DhcpOptionType.String, new[] { "lab.example" }, "6c61622e6578616d706c65")]
    [InlineData(DhcpOptionType.Hex, new[] { "01:02:0a" }, "01020a")]
    [InlineData(DhcpOptionType.Bool, new[] { "true" }, "01")]
    // RFC 3397 section 2's list, without compression: eng.apple.com. then marketing.apple.com.
    [InlineData(DhcpOptionType.Domains, new[] { "eng.apple.com", "marketing.apple.com" }, "03656e67056170706c6503636f6d00096d61726b6574696e67056170706c6503636f6d00")]
    public void Each_type_is_written_as_the_rfcs_say(DhcpOptionType type, string[] values, string hex)
    {
        var bytes = DhcpOptionEncoding.Encode(type, values, out var error);

        Assert.Null(error);
        Assert.Equal(hex, Convert.ToHexStringLower(bytes!));
    }

    [Theory]
    [InlineData(DhcpOptionType.Address, new[] { "10.0.0" }, "'10.0.0' is not an IPv4 address")]
    [InlineData(DhcpOptionType.Address, new[] { "10.0.0.1", "10.0.0.2" }, "type address takes one value")]
    [InlineData(DhcpOptionType.UInt8, new[] { "256" }, "'256' is not a whole number from 0 to 255")]
    [InlineData(DhcpOptionType.UInt16, new[] { "-1" }, "'-1' is not a whole number from 0 to 65535")]
    [InlineData(DhcpOptionType.Bool, new[] { "yes" }, "'yes' is not true or false")]
    [InlineData(DhcpOptionType.Hex, new[] { "0g" }, "'0g' is not hex bytes (like 01:02:0a)")]
    [InlineData(DhcpOptionType.Domains, new[] { "a..b" }, "'a..b' is not a domain name")]
    [InlineData(DhcpOptionType.String, new[] { "tab\there" }, "is not printable ASCII text")]
    [InlineData(DhcpOptionType.Addresses, new string[0], "type addresses takes at least one value")]
    public void A_wrong_value_is_refused_with_the_reason(DhcpOptionType type, string[] values, string reason)
    {
        Assert.Null(DhcpOptionEncoding.Encode(type, values, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_give_their_code_and_type()
    {
        Assert.True(DhcpOptionNames.TryFind("ntp-servers", out var code, out var type));
        Assert.Equal((42, DhcpOptionType.Addresses), (code, type));
        Assert.False(DhcpOptionNames.TryFind("router", out _, out _));
        Assert.Equal(DhcpOptionType.Domains, DhcpOptionNames.TypeOf(119));
        Assert.Null(DhcpOptionNames.TypeOf(224));
    }

    [Fact]
    public void A_value_longer_than_one_option_leaves_as_several_instances_and_reads_back_whole()
    {
        var names = Enumerable.Range(0, 20).Select(i => $"subdomain{i}.lab.example").ToArray();
        var value = DhcpOptionEncoding.Encode(DhcpOptionType.Domains, names, out _)!;
        Assert.True(value.Length > 255);
        var message = new DhcpMessage { MaximumLength = 1400 };
        message.SetOption((DhcpOptionCode)119, value);

        var buffer = new byte[1500];
        Assert.True(message.TryWriteTo(buffer, out int length));
        Assert.Equal(DhcpParseError.None, DhcpMessage.TryParse(buffer.AsSpan(0, length), out var parsed));

        Assert.Equal(value, parsed!.GetOption((DhcpOptionCode)119));
    }
}
