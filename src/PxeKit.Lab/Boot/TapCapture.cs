using PxeKit.Core.Events;
using PxeKit.Diagnostics.Trace;

namespace PxeKit.Lab.Boot;

/// <summary>
/// The VM's side of a bridged boot, read from a capture on its tap: every frame goes through the trace analyzer
/// and each step it finds goes into the journal as it happens. <see cref="StopAsync"/> ends the capture.
/// </summary>
internal sealed class TapCapture : IAsyncDisposable
{
    private readonly LiveCapture _capture;
    private readonly IBootJournal _journal;
    private readonly TraceAnalyzer _analyzer = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private TapCapture(LiveCapture capture, IBootJournal journal)
    {
        _capture = capture;
        _journal = journal;
        _loop = Task.Run(ReadAsync);
    }

    /// <summary>Starts capturing on <paramref name="tap"/>; null with the reason when it cannot.</summary>
    public static TapCapture? Start(string tap, IBootJournal journal, out string? error)
    {
        var capture = LiveCapture.Open(tap, [80], out error);
        return capture is null ? null : new TapCapture(capture, journal);
    }

    /// <summary>Stops reading and closes what is still open (a transfer cut off, say): the journal then holds the whole story.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        Record(_analyzer.Finish());
    }

    private async Task ReadAsync()
    {
        var lastTick = DateTimeOffset.UtcNow;
        while (!_stop.IsCancellationRequested)
        {
            if (_capture.Next() is { } frame)
            {
                Record(_analyzer.Add(frame));
                continue;
            }

            if (DateTimeOffset.UtcNow - lastTick > TimeSpan.FromSeconds(1))
            {
                lastTick = DateTimeOffset.UtcNow;
                Record(_analyzer.Tick(lastTick));
            }

            try
            {
                await Task.Delay(20, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping: drain nothing more, Finish closes the rest.
            }
        }
    }

    private void Record(IReadOnlyList<BootEvent> events)
    {
        foreach (var bootEvent in events)
        {
            _journal.Record(bootEvent);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
        }

        _capture.Dispose();
        _stop.Dispose();
    }
}
