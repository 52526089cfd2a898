using System.Text;
using PxeKit.Core.Systemd;

namespace PxeKit.Core.Tests.Systemd;

public sealed class JournalFieldsTests
{
    [Fact]
    public void A_one_line_value_is_NAME_equals_value()
    {
        var datagram = new JournalFields().Add("MESSAGE", "hello").Add("MAC", "52:54:00:12:34:56").Add("FAULT_ID", null).ToDatagram();

        Assert.Equal("MESSAGE=hello\nMAC=52:54:00:12:34:56\n", Encoding.UTF8.GetString(datagram.Span));
    }

    [Fact]
    public void A_value_with_a_newline_is_written_with_its_length()
    {
        var datagram = new JournalFields().Add("MESSAGE", "two\nlines").ToDatagram().ToArray();

        // "MESSAGE" '\n', length 9 as a little-endian 64-bit integer, the value, '\n'
        byte[] expected = [.. "MESSAGE\n"u8, 9, 0, 0, 0, 0, 0, 0, 0, .. "two\nlines"u8, (byte)'\n'];
        Assert.Equal(expected, datagram);
        Assert.Equal<(string, string)>([("MESSAGE", "two\nlines")], JournalDatagram.Parse(datagram));
    }

    [Fact]
    public void A_hostile_long_value_is_cut_so_the_entry_fits_a_datagram()
    {
        var datagram = new JournalFields().Add("BOOT_FILE", new string('a', 100_000)).ToDatagram();

        var value = Assert.Single(JournalDatagram.Parse(datagram.Span)).Value;
        Assert.Equal(new string('a', JournalFields.MaxValueBytes) + "…", value);
    }

    [Theory]
    [InlineData("MAC", true)]
    [InlineData("FAULT_ID", true)]
    [InlineData("_PID", false)] // trusted fields are journald's own
    [InlineData("mac", false)]
    [InlineData("1MAC", false)]
    [InlineData("MAC=", false)]
    [InlineData("", false)]
    public void Field_names_are_what_journald_accepts(string name, bool valid)
    {
        Assert.Equal(valid, JournalFields.IsValidName(name));
        if (!valid)
        {
            Assert.Throws<ArgumentException>(() => new JournalFields().Add(name, "x"));
        }
    }
}
