using System.Net.Sockets;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Protocol.Dhcp;

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
            """{"v":1,"time":"2026-01-02T03:04:05+00:00","step":"TftpComplete","source":"Server","file":"pxelinux.0","bytes":42,"elapsed":"00:00:01.5000000","detail":""}""" + Environment.NewLine,
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

    [Fact]
    public void Typed_facts_and_a_verdict_survive_the_round_trip_and_fault_ids_are_written_as_their_stable_names()
    {
        var seen = new BootEvent
        {
            Time = DateTimeOffset.Parse("2026-01-02T03:04:05+00:00"), Step = BootStep.WireDhcp, Source = EvidenceSource.Capture, Mac = "52:54:00:12:34:56",
            Dhcp = new DhcpFacts { MessageType = DhcpMessageType.Discover, Xid = 7, Architecture = ClientArchitecture.EfiX64, UserClass = "iPXE", Port = 67 },
        };
        var verdict = Verdict.Of(FaultId.DhcpDroppedOnHost, "52:54:00:12:34:56", "Dropped.", "Seen.", "Open it.", seen) with { Confidence = Confidence.Likely };
        var events = new[]
        {
            seen,
            new BootEvent { Time = seen.Time, Step = BootStep.TftpFailed, Address = "10.47.0.60", Tftp = new TftpFacts { Failure = TftpFailure.SendRefused, Block = 1 }, SocketError = SocketError.AccessDenied },
            new BootEvent { Time = seen.Time, Step = BootStep.HttpComplete, Http = new HttpFacts { Method = "GET", Status = 200 }, Format = ProgramFormat.EfiX64 },
            verdict.ToEvent(seen.Time, EvidenceSource.Capture),
        };
        var writer = new StringWriter();
        using var sink = new JsonLinesJournalSink(writer);
        foreach (var e in events)
        {
            sink.Write(e);
        }

        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("\"fault\":\"dhcp-dropped-on-host\"", lines[3], StringComparison.Ordinal);
        Assert.Contains("\"messageType\":\"Discover\"", lines[0], StringComparison.Ordinal);
        var back = lines.Select(JsonLinesJournalSink.Parse).ToList();
        Assert.Equal(events[..3], back[..3]);
        var verdictBack = back[3]!.Verdict!;
        Assert.Equal((verdict.Fault, verdict.Client, verdict.Cause, verdict.Seen, verdict.Fix, verdict.Confidence), (verdictBack.Fault, verdictBack.Client, verdictBack.Cause, verdictBack.Seen, verdictBack.Fix, verdictBack.Confidence));
        Assert.Equal(verdict.Evidence, verdictBack.Evidence);
    }
}
