using PxeKit.Cli.Rendering;
using PxeKit.Core.Events;

namespace PxeKit.Cli.Tests.Rendering;

public class TimelineTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Transfers_read_as_one_line_per_file_with_size_and_duration()
    {
        BootEvent[] events =
        [
            new() { Time = Start.AddSeconds(2.5), Step = BootStep.DhcpAck, Mac = "52:54:00:12:34:56", Detail = "ack 10.47.0.100" },
            new() { Time = Start.AddSeconds(3), Step = BootStep.TftpRequest, File = "pxelinux.0", Detail = "read" },
            new() { Time = Start.AddSeconds(3.1), Step = BootStep.TftpComplete, File = "pxelinux.0", Bytes = 42430, Elapsed = TimeSpan.FromMilliseconds(130) },
            new() { Time = Start.AddSeconds(29), Step = BootStep.Marker, Detail = "marker seen" },
        ];

        var text = Timeline.Render(events, Start);

        Assert.Equal(
            "    +2.50 s  dhcp-ack        ack 10.47.0.100\n" +
            "    +3.10 s  tftp-complete   pxelinux.0  41.4 KiB  0.13 s\n" +
            "   +29.00 s  marker          marker seen\n",
            text);
    }

    [Fact]
    public void Control_characters_from_a_client_are_escaped()
    {
        var e = new BootEvent { Time = Start, Step = BootStep.TftpRefused, File = "a\u001b[2Jb\nforged", Detail = "access violation" };
        var line = ConsoleJournalSink.Format(e);
        Assert.Contains(@"a\x1b[2Jb\x0aforged: access violation", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', line);
    }

    [Theory]
    [InlineData(BootStep.DhcpDiscover, "dhcp-discover")]
    [InlineData(BootStep.TftpComplete, "tftp-complete")]
    [InlineData(BootStep.KernelStarted, "kernel-started")]
    public void Steps_are_named_in_lower_case_with_hyphens(BootStep step, string name) =>
        Assert.Equal(name, ConsoleJournalSink.StepName(step));
}
