using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace PxeKit.Core.Metrics;

/// <summary>
/// The pieces of Prometheus's text exposition format, version 0.0.4: metric names, label sets, escaping and numbers.
/// </summary>
internal static class PrometheusText
{
    /// <summary>The content type of the exposition.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>
    /// The instrument's name as Prometheus has it: <c>[a-zA-Z_:][a-zA-Z0-9_:]*</c> (dots and anything else become
    /// <c>_</c>), the unit's suffix (<c>By</c> is <c>_bytes</c>, <c>s</c> is <c>_seconds</c>; annotations such as
    /// <c>{message}</c> add nothing), and <c>_total</c> for a counter.
    /// </summary>
    public static string MetricName(Instrument instrument, MetricKind kind)
    {
        var name = new StringBuilder(instrument.Name.Length + 16);
        foreach (char c in instrument.Name)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_');
        }

        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            name.Insert(0, '_');
        }

        var unit = instrument.Unit switch
        {
            "By" => "_bytes",
            "s" => "_seconds",
            _ => "",
        };
        AppendSuffix(name, unit);
        if (kind == MetricKind.Counter)
        {
            AppendSuffix(name, "_total");
        }

        return name.ToString();
    }

    /// <summary>A label name: as a metric name, without colons.</summary>
    public static string LabelName(string name)
    {
        var label = new StringBuilder(name.Length + 1);
        foreach (char c in name)
        {
            label.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (label.Length == 0 || char.IsAsciiDigit(label[0]))
        {
            label.Insert(0, '_');
        }

        return label.ToString();
    }

    /// <summary>
    /// The label set of a measurement, as it goes between the braces: <c>a="x",b="y"</c>, sorted by name so the same set
    /// is the same text, values escaped. Empty for no labels.
    /// </summary>
    public static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return "";
        }

        var pairs = new (string Name, string Value)[tags.Length];
        for (int i = 0; i < tags.Length; i++)
        {
            pairs[i] = (LabelName(tags[i].Key), Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? "");
        }

        Array.Sort(pairs, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var text = new StringBuilder();
        foreach (var (name, value) in pairs)
        {
            AppendLabel(text, name, value);
        }

        return text.ToString();
    }

    /// <summary>Adds <c>name="value"</c> to a label set, with a comma when it is not the first.</summary>
    public static void AppendLabel(StringBuilder labels, string name, string value)
    {
        if (labels.Length > 0)
        {
            labels.Append(',');
        }

        labels.Append(name).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
    }

    /// <summary>A label value: backslash, double quote and line feed escaped as <c>\\</c>, <c>\"</c> and <c>\n</c>.</summary>
    public static string EscapeLabelValue(string value) =>
        value.AsSpan().IndexOfAny("\\\"\n") < 0 ? value : value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>A HELP text: backslash and line feed escaped (a double quote stays as it is).</summary>
    public static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>A sample's value as Go's ParseFloat reads it: <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>, or the shortest round-trip text.</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static void AppendSuffix(StringBuilder name, string suffix)
    {
        if (suffix.Length > 0 && !name.ToString().EndsWith(suffix, StringComparison.Ordinal))
        {
            name.Append(suffix);
        }
    }
}
