using System.Diagnostics.Metrics;
using System.Text;

namespace PxeKit.Core.Metrics;

/// <summary>
/// One instrument's series as they stand: a value per label set (a running sum for counters and up-down counters, the
/// last reading for observed instruments), or a histogram's bucket counts, sum and count. Safe for several threads: a
/// measurement takes a short lock, and rendering copies under it.
/// </summary>
internal sealed class InstrumentSeries
{
    /// <summary>Bucket bounds of a histogram that gives none (OpenTelemetry's defaults).</summary>
    public static readonly IReadOnlyList<double> DefaultBuckets = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, double> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Buckets> _histograms = new(StringComparer.Ordinal);
    private readonly double[] _bounds;

    public InstrumentSeries(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        Instrument = instrument;
        Kind = KindOf(instrument);
        Name = PrometheusText.MetricName(instrument, Kind);
        _bounds = Kind == MetricKind.Histogram ? [.. BucketsOf(instrument)] : [];
    }

    public Instrument Instrument { get; }

    public MetricKind Kind { get; }

    /// <summary>The name in the exposition.</summary>
    public string Name { get; }

    /// <summary>Observed instruments report the whole value on each reading; the others report what to add.</summary>
    public bool Observed => Instrument.IsObservable;

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = PrometheusText.Labels(tags);
        lock (_gate)
        {
            if (Kind == MetricKind.Histogram)
            {
                if (!_histograms.TryGetValue(labels, out var buckets))
                {
                    _histograms[labels] = buckets = new Buckets(_bounds.Length);
                }

                buckets.Add(_bounds, value);
            }
            else if (Observed)
            {
                _values[labels] = value;
            }
            else
            {
                _values[labels] = _values.GetValueOrDefault(labels) + value;
            }
        }
    }

    /// <summary>Forgets an observed instrument's readings before it is read again: a scope that is gone has no series.</summary>
    public void ClearReadings()
    {
        if (Observed)
        {
            lock (_gate)
            {
                _values.Clear();
            }
        }
    }

    /// <summary>Writes the instrument's HELP, TYPE and samples, series sorted by their labels.</summary>
    public void WriteTo(StringBuilder text)
    {
        text.Append("# HELP ").Append(Name).Append(' ').Append(PrometheusText.EscapeHelp(Instrument.Description ?? "")).Append('\n');
        text.Append("# TYPE ").Append(Name).Append(' ').Append(Kind switch
        {
            MetricKind.Counter => "counter",
            MetricKind.Histogram => "histogram",
            _ => "gauge",
        }).Append('\n');
        // Copied under the lock and rendered outside it: a measurement (a journal event) never waits for the rendering.
        List<KeyValuePair<string, double>> values;
        List<(string Labels, long[] Counts, double Sum, long Count)> histograms;
        lock (_gate)
        {
            values = [.. _values];
            histograms = [.. _histograms.Select(h => (h.Key, (long[])h.Value.Counts.Clone(), h.Value.Sum, h.Value.Count))];
        }

        foreach (var (labels, counts, sum, count) in histograms.OrderBy(h => h.Labels, StringComparer.Ordinal))
        {
            WriteHistogram(text, labels, counts, sum, count);
        }

        foreach (var (labels, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            Sample(text, Name, labels, value);
        }
    }

    private void WriteHistogram(StringBuilder text, string labels, long[] counts, double sum, long count)
    {
        long cumulative = 0;
        for (int i = 0; i <= _bounds.Length; i++)
        {
            cumulative += counts[i];
            var withBound = new StringBuilder(labels);
            PrometheusText.AppendLabel(withBound, "le", PrometheusText.Number(i < _bounds.Length ? _bounds[i] : double.PositiveInfinity));
            Sample(text, Name + "_bucket", withBound.ToString(), cumulative);
        }

        Sample(text, Name + "_sum", labels, sum);
        Sample(text, Name + "_count", labels, count);
    }

    private static void Sample(StringBuilder text, string name, string labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').Append(PrometheusText.Number(value)).Append('\n');
    }

    private static MetricKind KindOf(Instrument instrument) => instrument switch
    {
        Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double> => MetricKind.Counter,
        Histogram<long> or Histogram<int> or Histogram<double> => MetricKind.Histogram,
        _ => MetricKind.Gauge,
    };

    private static IReadOnlyList<double> BucketsOf(Instrument instrument) => instrument switch
    {
        Histogram<double> { Advice.HistogramBucketBoundaries: { Count: > 0 } bounds } => bounds,
        Histogram<long> { Advice.HistogramBucketBoundaries: { Count: > 0 } bounds } => [.. bounds.Select(b => (double)b)],
        Histogram<int> { Advice.HistogramBucketBoundaries: { Count: > 0 } bounds } => [.. bounds.Select(b => (double)b)],
        _ => DefaultBuckets,
    };

    /// <summary>One histogram series: a count per bucket (the last one above every bound), the sum and the count.</summary>
    private sealed class Buckets(int bounds)
    {
        public long[] Counts { get; } = new long[bounds + 1];

        public double Sum { get; private set; }

        public long Count { get; private set; }

        /// <summary>Counts <paramref name="value"/> in the first bucket whose bound is not below it (Prometheus's <c>le</c>).</summary>
        public void Add(double[] bounds, double value)
        {
            int i = 0;
            while (i < bounds.Length && value > bounds[i])
            {
                i++;
            }

            Counts[i]++;
            Sum += value;
            Count++;
        }
    }
}
