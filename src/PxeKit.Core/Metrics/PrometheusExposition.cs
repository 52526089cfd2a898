using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace PxeKit.Core.Metrics;

/// <summary>
/// One meter in Prometheus's text exposition format, version 0.0.4 (what <c>GET /metrics</c> answers): a
/// <see cref="MeterListener"/> that keeps every instrument's series from the moment it is made, and renders them on
/// <see cref="Collect"/>. Counters are <c>name_total</c>, histograms have <c>_bucket</c> (cumulative, with <c>le</c>),
/// <c>_sum</c> and <c>_count</c>; names and label sets are sorted, so two readings of the same state are the same text.
/// Make it before the events to count (a listener sees only what is measured after it started).
/// </summary>
public sealed class PrometheusExposition : IDisposable
{
    /// <summary>The content type of <see cref="Collect"/>'s text.</summary>
    public const string ContentType = PrometheusText.ContentType;

    private readonly Meter _meter;
    private readonly MeterListener _listener;
    private readonly ConcurrentDictionary<Instrument, InstrumentSeries> _instruments = new();
    private readonly Lock _collecting = new();

    public PrometheusExposition(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _meter = meter;
        _listener = new MeterListener
        {
            InstrumentPublished = Published,
            MeasurementsCompleted = (instrument, _) => _instruments.TryRemove(instrument, out InstrumentSeries? _),
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>Reads the observed instruments, then renders every instrument of the meter.</summary>
    public string Collect()
    {
        var text = new StringBuilder(4096);
        lock (_collecting)
        {
            foreach (var series in _instruments.Values)
            {
                series.ClearReadings();
            }

            _listener.RecordObservableInstruments();
            foreach (var series in _instruments.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                series.WriteTo(text);
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Published(Instrument instrument, MeterListener listener)
    {
        if (ReferenceEquals(instrument.Meter, _meter))
        {
            var series = _instruments.GetOrAdd(instrument, static i => new InstrumentSeries(i));
            listener.EnableMeasurementEvents(instrument, series);
        }
    }
}
