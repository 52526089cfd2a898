using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PxeKit.Load.Conformance;

/// <summary>The results of one run against one server: printed as a table, written and read back as JSON.</summary>
public sealed record ConformanceReport(IReadOnlyList<ConformanceResult> Results)
{
    public int Count(ConformanceOutcome outcome) => Results.Count(r => r.Outcome == outcome);

    /// <summary>One line per case (outcome, id, section, what was seen), and the summary line scripts read.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        foreach (var r in Results)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{Mark(r.Outcome),-5} {r.Id,-34} {r.Section,-30} {r.Seen}");
        }

        text.Append(CultureInfo.InvariantCulture,
            $"result kind=conformance cases={Results.Count} pass={Count(ConformanceOutcome.Pass)} fail={Count(ConformanceOutcome.Fail)} n/a={Count(ConformanceOutcome.NotApplicable)} seconds={Results.Sum(r => r.Seconds):F1}");
        return text.ToString();
    }

    public void WriteJson(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, ConformanceJsonContext.Default.ConformanceReport));

    /// <summary>Reads a report written by <see cref="WriteJson"/>; null with the reason when the file is not one.</summary>
    public static ConformanceReport? TryLoad(string path, out string? error)
    {
        try
        {
            var report = JsonSerializer.Deserialize(File.ReadAllText(path), ConformanceJsonContext.Default.ConformanceReport);
            error = report?.Results is null ? $"{path} holds no conformance results" : null;
            return error is null ? report : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            error = $"{path}: {e.Message}";
            return null;
        }
    }

    /// <summary>
    /// Several servers' reports side by side, as a Markdown table: case | RFC | level | one column per server, each cell
    /// pass, FAIL or n/a; then, below, what was seen for every result that is not a pass.
    /// </summary>
    public static string Compare(IReadOnlyList<(string Server, ConformanceReport Report)> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var ids = reports.SelectMany(r => r.Report.Results).Select(r => (r.Id, r.Section, r.Level)).Distinct().ToList();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| case | RFC | level | {string.Join(" | ", reports.Select(r => r.Server))} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"|---|---|---|{string.Concat(reports.Select(_ => "---|"))}");
        foreach (var (id, section, level) in ids)
        {
            var cells = reports.Select(r => r.Report.Results.FirstOrDefault(x => x.Id == id) is { } x ? Mark(x.Outcome) : "not run");
            text.AppendLine(CultureInfo.InvariantCulture, $"| {id} | {section} | {LevelText(level)} | {string.Join(" | ", cells)} |");
        }

        text.AppendLine();
        foreach (var (server, report) in reports)
        {
            foreach (var r in report.Results.Where(r => r.Outcome != ConformanceOutcome.Pass))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {server}, {r.Id}: {Mark(r.Outcome)}: {r.Seen}");
            }
        }

        return text.ToString();
    }

    private static string Mark(ConformanceOutcome outcome) => outcome switch
    {
        ConformanceOutcome.Pass => "pass",
        ConformanceOutcome.Fail => "FAIL",
        _ => "n/a",
    };

    private static string LevelText(ConformanceLevel level) => level switch
    {
        ConformanceLevel.Must => "MUST",
        ConformanceLevel.Should => "SHOULD",
        _ => "hostile",
    };
}
