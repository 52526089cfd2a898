using System.Globalization;
using System.Text;

namespace PxeKit.Load;

/// <summary>
/// The outcome of a load run: how many clients, how many failed and why, the wall time, bytes moved and
/// per-client completion times. <see cref="ToSummaryLine"/> is one <c>key=value</c> line for scripts.
/// </summary>
public sealed record LoadReport
{
    public required string Kind { get; init; }

    public required int Clients { get; init; }

    public required IReadOnlyList<string> Failures { get; init; }

    public required TimeSpan Wall { get; init; }

    public required long Bytes { get; init; }

    /// <summary>Completion times of the clients that succeeded.</summary>
    public required IReadOnlyList<TimeSpan> Times { get; init; }

    /// <summary>The SHA-256 every successful download had, or empty when not applicable.</summary>
    public string Sha256 { get; init; } = "";

    /// <summary>Megabytes (10^6 bytes) per second of wall time, all clients together.</summary>
    public double MegabytesPerSecond => Wall.TotalSeconds > 0 ? Bytes / 1e6 / Wall.TotalSeconds : 0;

    public string ToSummaryLine() => string.Create(
        CultureInfo.InvariantCulture,
        $"result kind={Kind} clients={Clients} failures={Failures.Count} seconds={Wall.TotalSeconds:F3} bytes={Bytes} mbps={MegabytesPerSecond:F1} " +
        $"p50={Percentiles.Of(Times, 50).TotalSeconds:F3} p99={Percentiles.Of(Times, 99).TotalSeconds:F3} sha256={(Sha256.Length == 0 ? "-" : Sha256)}");

    /// <summary>A few plain lines for people, then the summary line.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"{Kind}: {Clients - Failures.Count}/{Clients} clients done in {Wall.TotalSeconds:F2} s, {Bytes / 1e6:F1} MB at {MegabytesPerSecond:F1} MB/s");
        text.AppendLine(invariant, $"per client: p50 {Percentiles.Of(Times, 50).TotalSeconds:F3} s, p99 {Percentiles.Of(Times, 99).TotalSeconds:F3} s, max {Percentiles.Of(Times, 100).TotalSeconds:F3} s");
        foreach (var group in Failures.GroupBy(f => f).OrderByDescending(g => g.Count()).Take(5))
        {
            text.AppendLine(invariant, $"failed x{group.Count()}: {group.Key}");
        }

        text.Append(ToSummaryLine());
        return text.ToString();
    }
}
