using System.Diagnostics.Metrics;

namespace PxeKit.Core.Tests.Metrics;

/// <summary>What one meter's instruments measured, as the test reads it back: every measurement with its labels.</summary>
internal sealed class MeterReadings : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, string?> Tags)> _measurements = [];

    public MeterReadings(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
        _listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
        _listener.Start();
    }

    /// <summary>The sum of what <paramref name="instrument"/> measured with these labels (all of them given, in any order).</summary>
    public double Sum(string instrument, params (string Name, string Value)[] labels)
    {
        lock (_measurements)
        {
            return _measurements
                .Where(m => m.Instrument == instrument && m.Tags.Count == labels.Length && labels.All(l => m.Tags.GetValueOrDefault(l.Name) == l.Value))
                .Sum(m => m.Value);
        }
    }

    /// <summary>Every value <paramref name="instrument"/> measured, in order.</summary>
    public IReadOnlyList<double> Values(string instrument)
    {
        lock (_measurements)
        {
            return [.. _measurements.Where(m => m.Instrument == instrument).Select(m => m.Value)];
        }
    }

    /// <summary>Asks the observed instruments for a reading now (as a scrape does).</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, tag) in tags)
        {
            copy[name] = tag?.ToString();
        }

        lock (_measurements)
        {
            _measurements.Add((instrument.Name, value, copy));
        }
    }
}
