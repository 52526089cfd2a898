using PxeKit.Protocol.Dhcp;

namespace PxeKit.Protocol.Tests.Dhcp;

public sealed class MacAddressTests
{
    [Fact]
    public void A_mac_is_lower_case_hex_pairs_joined_by_colons_and_reads_back()
    {
        byte[] mac = [0x52, 0x54, 0x00, 0xAB, 0xCD, 0xEF];

        Assert.Equal("52:54:00:ab:cd:ef", MacAddress.Format(mac));
        Assert.True(MacAddress.TryParse("52-54-00-AB-CD-EF", out var parsed));
        Assert.Equal(mac, parsed);
    }

    [Theory]
    [InlineData(0, "")]
    [InlineData(1, "00")]
    [InlineData(16, "00:01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e:0f")]
    public void Any_length_formats_from_none_to_a_full_chaddr(int length, string expected) =>
        Assert.Equal(expected, MacAddress.Format(Enumerable.Range(0, length).Select(n => (byte)n).ToArray()));

    [Fact]
    public void Random_inputs_up_to_and_past_a_chaddr_format_as_each_byte_in_hex()
    {
        var random = new Random(19);
        foreach (int length in new[] { 6, 20, 32, 33, 255 })
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            bytes[0] = 0xFF;
            string text = MacAddress.Format(bytes);

            Assert.Equal((length * 3) - 1, text.Length);
            Assert.Equal(bytes, text.Split(':').Select(pair => Convert.FromHexString(pair)[0]));
            Assert.Equal(text.ToLowerInvariant(), text);
        }
    }
}
