using System.Text.Json;
using System.Text.RegularExpressions;
using PxeKit.Core.Metrics;

namespace PxeKit.Core.Tests.Metrics;

/// <summary>docs/metrics.md and the sample Grafana dashboard are held to the series the metrics expose.</summary>
public sealed partial class MetricsDocsTests
{
    [Fact]
    public void Every_series_is_documented_and_every_documented_series_exists()
    {
        var exposed = ExposedNames();
        var docs = File.ReadAllText(Path.Combine(SourceTree.Root, "docs", "metrics.md"));
        var documented = DocumentedRow().Matches(docs).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(exposed.Except(documented));
        Assert.Empty(documented.Except(exposed));
    }

    [Fact]
    public void The_grafana_dashboard_is_json_and_asks_only_for_series_that_exist()
    {
        var exposed = ExposedNames();
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(SourceTree.Root, "docs", "grafana", "pxekit.json")));
        var queried = Series().Matches(dashboard.RootElement.GetRawText())
            .Select(m => Suffix().Replace(m.Value, ""))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(queried);
        Assert.Empty(queried.Except(exposed));
    }

    private static HashSet<string> ExposedNames()
    {
        using var metrics = new BootMetrics();
        using var exposition = new PrometheusExposition(metrics.Meter);
        return TypeLine().Matches(exposition.Collect()).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^# TYPE (\S+) ", RegexOptions.Multiline)]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^\| `(pxekit_\w+)` \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedRow();

    [GeneratedRegex(@"pxekit_[a-z_]+")]
    private static partial Regex Series();

    [GeneratedRegex(@"_(bucket|sum|count)$")]
    private static partial Regex Suffix();
}
