using PxeKit.Load.Conformance;

namespace PxeKit.Cli.Tests.Load.Conformance;

public sealed class ConformanceReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pxekit-conformance-").FullName;

    private static ConformanceReport Report(params (string Id, ConformanceOutcome Outcome, string Seen)[] results) =>
        new([.. results.Select(r => new ConformanceResult(r.Id, "RFC 2131 4.3.2", ConformanceLevel.Must, r.Outcome, r.Seen, 1.25))]);

    [Fact]
    public void A_report_written_as_json_reads_back_equal()
    {
        var report = Report(("2131-init-reboot-unknown", ConformanceOutcome.Fail, "ACK yiaddr 10.49.0.102"), ("hostile-stalled-log", ConformanceOutcome.NotApplicable, "not stalled"));
        var path = Path.Combine(_dir, "r.json");

        report.WriteJson(path);
        var read = ConformanceReport.TryLoad(path, out var error);

        Assert.Null(error);
        Assert.Equal(report.Results, read!.Results);
        Assert.Contains("\"outcome\": \"NotApplicable\"", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("[1, 2]")]
    public void A_file_that_is_not_a_report_is_named_with_the_reason_and_never_throws(string content)
    {
        var path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, content);

        Assert.Null(ConformanceReport.TryLoad(path, out var error));
        Assert.Contains(path, error, StringComparison.Ordinal);
        Assert.Null(ConformanceReport.TryLoad(Path.Combine(_dir, "missing.json"), out error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Compare_puts_servers_side_by_side_and_lists_what_was_seen_for_each_result_that_is_not_a_pass()
    {
        var a = Report(("2131-nak-fields", ConformanceOutcome.Pass, "NAK ok"), ("6842-client-id-echoed", ConformanceOutcome.Fail, "OFFER: absent"));
        var b = Report(("2131-nak-fields", ConformanceOutcome.NotApplicable, "silent"));

        var table = ConformanceReport.Compare([("A", a), ("B", b)]).Split('\n');

        Assert.Equal("| case | RFC | level | A | B |", table[0]);
        Assert.Contains("| 2131-nak-fields | RFC 2131 4.3.2 | MUST | pass | n/a |", table);
        Assert.Contains("| 6842-client-id-echoed | RFC 2131 4.3.2 | MUST | FAIL | not run |", table);
        Assert.Contains("- A, 6842-client-id-echoed: FAIL: OFFER: absent", table);
        Assert.Contains("- B, 2131-nak-fields: n/a: silent", table);
        Assert.DoesNotContain(table, l => l.Contains("NAK ok", StringComparison.Ordinal));
    }

    [Fact]
    public void The_summary_line_counts_each_outcome()
    {
        var text = Report(("a", ConformanceOutcome.Pass, ""), ("b", ConformanceOutcome.Fail, ""), ("c", ConformanceOutcome.NotApplicable, "")).ToText();

        Assert.EndsWith("result kind=conformance cases=3 pass=1 fail=1 n/a=1 seconds=3.8", text, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
