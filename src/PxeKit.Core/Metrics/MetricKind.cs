namespace PxeKit.Core.Metrics;

/// <summary>The Prometheus type an instrument is exposed as.</summary>
internal enum MetricKind
{
    /// <summary>Only goes up: Counter and ObservableCounter, exposed with <c>_total</c>.</summary>
    Counter,

    /// <summary>Goes up and down: gauges and up-down counters.</summary>
    Gauge,

    /// <summary>Buckets, sum and count.</summary>
    Histogram,
}
