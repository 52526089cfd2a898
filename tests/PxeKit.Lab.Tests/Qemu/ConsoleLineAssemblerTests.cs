using PxeKit.Lab.Qemu;

namespace PxeKit.Lab.Tests.Qemu;

public sealed class ConsoleLineAssemblerTests
{
    [Fact]
    public void The_ipxe_banner_wrapped_at_80_columns_is_joined_and_its_colours_dropped()
    {
        // As SeaBIOS sends it: colour escapes count for nothing, "http" ends column 80, CR LF, the rest.
        const string raw = "\u001b[0;1miPXE 1.0.0+git-20190125.36a4c85-5.1\u001b[0m -- Open Source Network Boot Firmware -- \u001b[0;36mhttp\r\n://ipxe.org\r\n";

        var lines = new ConsoleLineAssembler().Feed(raw);

        Assert.Equal(["iPXE 1.0.0+git-20190125.36a4c85-5.1 -- Open Source Network Boot Firmware -- http://ipxe.org"], lines);
    }

    [Fact]
    public void A_screen_reset_ends_the_line_so_the_kernel_banner_starts_its_own()
    {
        const string raw = "\rProbing EDD (edd=off to disable)... o\u001bc\u001b[?7l\u001b[2J[    0.000000] Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org)\r\n";

        var lines = new ConsoleLineAssembler().Feed(raw);

        Assert.Equal(["Probing EDD (edd=off to disable)... o", "[    0.000000] Linux version 6.1.0-56-amd64 (debian-kernel@lists.debian.org)"], lines);
    }

    [Fact]
    public void Carriage_returns_and_backspaces_overwrite_as_on_a_terminal()
    {
        var assembler = new ConsoleLineAssembler();

        var lines = assembler.Feed("Press Ctrl-B...\b\b\b   \r\nLoading vmlinuz... ok\r\r\n\rLoading initrd.gz...ok\r\n");

        Assert.Equal(["Press Ctrl-B", "Loading vmlinuz... ok", "Loading initrd.gz...ok"], lines);
    }

    [Fact]
    public void Lines_split_across_chunks_and_escapes_split_across_chunks_come_out_whole()
    {
        var assembler = new ConsoleLineAssembler();

        Assert.Empty(assembler.Feed("Next ser"));
        Assert.Empty(assembler.Feed("ver: 10.47.0.1\u001b[0"));
        Assert.Equal(["Next server: 10.47.0.1"], assembler.Feed(";36m\r\n"));
    }

    [Fact]
    public void Without_joining_an_80_column_line_stays_alone()
    {
        var eighty = new string('x', 80);
        var assembler = new ConsoleLineAssembler { JoinWrappedLines = false };

        Assert.Equal([eighty, "next"], assembler.Feed(eighty + "\r\nnext\r\n"));
    }

    [Fact]
    public void The_unfinished_line_is_pending()
    {
        var assembler = new ConsoleLineAssembler();
        assembler.Feed("PXEKIT-MARKER: the ker");
        Assert.Equal("PXEKIT-MARKER: the ker", assembler.Pending);
    }
}
