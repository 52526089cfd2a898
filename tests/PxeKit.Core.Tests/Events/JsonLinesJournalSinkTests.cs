using PxeKit.Core.Events;

namespace PxeKit.Core.Tests.Events;

/// <summary>The journal's JSON lines: read by <c>pxekit boot</c> from another process, so their shape is a contract.</summary>
public sealed class JsonLinesJournalSinkTests
{
    [Fact]
    public void An_event_is_one_camel_case_line_with_its_step_by_name_and_no_nulls()
    {
        var writer = new StringWriter();
        using var sink = new JsonLinesJournalSink(writer);

        sink.Write(new BootEvent { Time = DateTimeOffset.Parse("2026-01-02T03:04:05+00:00"), Step = BootStep.TftpComplete, File = "pxelinux.0", Bytes = 42, Elapsed = TimeSpan.FromSeconds(1.5) });

        Assert.Equal(
            """{"time":"2026-01-02T03:04:05+00:00","step":"TftpComplete","detail":"","file":"pxelinux.0","bytes":42,"elapsed":"00:00:01.5000000"}""" + Environment.NewLine,
            writer.ToString());
    }

    [Fact]
    public void A_line_reads_back_as_the_event_written_and_anything_else_as_null()
    {
        var written = new BootEvent
        {
            Time = DateTimeOffset.Parse("2026-01-02T03:04:05.678+01:00"), Step = BootStep.DhcpAck, Mac = "52:54:00:12:34:56",
            Address = "10.47.0.100", Detail = "ack \"x\"", Server = "10.47.0.1", File = "f", Bytes = 1, Elapsed = TimeSpan.FromMilliseconds(3),
        };
        var writer = new StringWriter();
        using var sink = new JsonLinesJournalSink(writer);
        sink.Write(written);

        Assert.Equal(written, JsonLinesJournalSink.Parse(writer.ToString().Trim()));
        Assert.Null(JsonLinesJournalSink.Parse("08:00:00.000 info: not a journal line"));
    }
}
