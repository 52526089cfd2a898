using System.Text;
using PxeKit.Server.Tftp;

namespace PxeKit.Server.Tests.Tftp;

public sealed class NetAsciiDecoderTests
{
    [Theory]
    [InlineData("a\r\nb\r\n", "a\nb\n")]       // CR LF -> LF
    [InlineData("a\r\0b", "a\rb")]             // CR NUL -> CR
    [InlineData("a\rb", "a\rb")]               // bare CR kept (lenient)
    [InlineData("\r\r\n", "\r\n")]             // bare CR, then CR LF
    [InlineData("end\r", "end\r")]             // CR at the very end kept
    [InlineData("", "")]
    public void Decodes_one_block(string wire, string expected)
    {
        Assert.Equal(expected, Decode(wire));
    }

    [Fact]
    public void A_cr_at_the_end_of_a_block_waits_for_the_next_one()
    {
        var decoder = new NetAsciiDecoder();
        var output = new byte[16];

        var first = decoder.Decode("ab\r"u8, output, final: false);
        Assert.Equal("ab", Encoding.ASCII.GetString(output, 0, first));

        var second = decoder.Decode("\ncd\r"u8, output, final: false);
        Assert.Equal("\ncd", Encoding.ASCII.GetString(output, 0, second));

        var third = decoder.Decode("\0"u8, output, final: true);
        Assert.Equal("\r", Encoding.ASCII.GetString(output, 0, third));
    }

    [Fact]
    public void Output_never_exceeds_the_stated_bound()
    {
        var decoder = new NetAsciiDecoder();
        var output = new byte[NetAsciiDecoder.MaxOutputLength(3)];
        decoder.Decode("xx\r"u8, output, final: false);

        // The held CR and a bare CR at the end: two extra bytes in a 3-byte block would overflow.
        Assert.Equal(4, decoder.Decode("ab\r"u8, output, final: true));
        Assert.Equal("\rab\r", Encoding.ASCII.GetString(output, 0, 4));
    }

    private static string Decode(string wire)
    {
        var input = Encoding.ASCII.GetBytes(wire);
        var output = new byte[NetAsciiDecoder.MaxOutputLength(input.Length)];
        var length = new NetAsciiDecoder().Decode(input, output, final: true);
        return Encoding.ASCII.GetString(output, 0, length);
    }
}
