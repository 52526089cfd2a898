using System.Text;
using PxeKit.Lab.Fixtures;

namespace PxeKit.Lab.Tests.Fixtures;

public sealed class CpioWriterTests
{
    [Fact]
    public void A_file_entry_is_a_newc_header_the_padded_name_and_the_padded_data()
    {
        using var archive = new MemoryStream();
        var cpio = new CpioWriter(archive);
        cpio.AddFile("init", "hi\n"u8, Permissions.Executable);

        var text = Encoding.ASCII.GetString(archive.ToArray());
        var expected =
            "070701" +      // magic: newc
            "00000001" +    // ino
            "000081ed" +    // mode: S_IFREG | 0755
            "00000000" +    // uid: root
            "00000000" +    // gid: root
            "00000001" +    // nlink
            "00000000" +    // mtime: the epoch
            "00000003" +    // filesize
            "00000000" +    // devmajor
            "00000000" +    // devminor
            "00000000" +    // rdevmajor
            "00000000" +    // rdevminor
            "00000005" +    // namesize, with the NUL
            "00000000" +    // check
            "init\0" +      // 110 + 5 = 115 bytes
            "\0" +          // padding to 116
            "hi\n" +        // data
            "\0";           // padding to 120
        Assert.Equal(expected, text);
    }

    [Fact]
    public void A_device_node_carries_its_type_and_numbers_in_the_header()
    {
        using var archive = new MemoryStream();
        new CpioWriter(archive).AddCharacterDevice("dev/console", 5, 1);

        var header = Encoding.ASCII.GetString(archive.ToArray(), 0, 110);
        Assert.Equal("00002180", header.Substring(6 + (8 * 1), 8)); // mode: S_IFCHR | 0600
        Assert.Equal("00000005", header.Substring(6 + (8 * 9), 8)); // rdevmajor
        Assert.Equal("00000001", header.Substring(6 + (8 * 10), 8)); // rdevminor
    }

    [Fact]
    public void The_trailer_ends_the_archive_on_a_four_byte_boundary()
    {
        using var archive = new MemoryStream();
        var cpio = new CpioWriter(archive);
        cpio.AddDirectory("proc");
        cpio.Finish();

        var text = Encoding.ASCII.GetString(archive.ToArray());
        Assert.EndsWith("TRAILER!!!\0\0\0\0", text, StringComparison.Ordinal); // 110 + 11 = 121, padded to 124
        Assert.Equal(0, archive.Length % 4);
        Assert.Throws<ObjectDisposedException>(() => cpio.AddDirectory("sys"));
    }

    [Fact]
    public void Absolute_names_are_refused()
    {
        var cpio = new CpioWriter(Stream.Null);
        Assert.Throws<ArgumentException>(() => cpio.AddDirectory("/proc"));
    }
}
