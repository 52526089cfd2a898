using PxeKit.Core.Capture;
using PxeKit.Core.Events;
using PxeKit.Diagnostics.Capture;
using PxeKit.Diagnostics.Trace;

namespace PxeKit.Lab.Boot;

/// <summary>
/// The VM's side of a bridged boot, read from a capture on its tap: every frame goes through the trace analyzer
/// and each step it finds goes into the journal as it happens. <see cref="StopAsync"/> ends the capture.
/// </summary>
internal sealed class TapCapture : IFrameConsumer, IAsyncDisposable
{
    private readonly IBootJournal _journal;
    private readonly TraceAnalyzer _analyzer = new();
    private LiveCapture? _capture;
    private bool _stopped;

    private TapCapture(IBootJournal journal) => _journal = journal;

    /// <summary>Starts capturing on <paramref name="tap"/>; null with the reason when it cannot.</summary>
    public static TapCapture? Start(string tap, IBootJournal journal, out string? error)
    {
        var tapCapture = new TapCapture(journal);
        tapCapture._capture = LiveCapture.Start(tap, new TraceAnalyzerOptions().CaptureFilter, tapCapture, out error);
        return tapCapture._capture is null ? null : tapCapture;
    }

    /// <summary>Stops reading and closes what is still open (a transfer cut off, say): the journal then holds the whole story.</summary>
    public Task StopAsync()
    {
        // Once the capture is disposed its thread has ended: the analyzer is this thread's alone.
        _capture?.Dispose();
        if (!_stopped)
        {
            _stopped = true;
            Record(_analyzer.Finish());
        }

        return Task.CompletedTask;
    }

    void IFrameConsumer.OnFrame(in CapturedFrame frame) => Record(_analyzer.Add(frame));

    void IFrameConsumer.OnTick(DateTimeOffset now) => Record(_analyzer.Tick(now));

    private void Record(IReadOnlyList<BootEvent> events)
    {
        foreach (var bootEvent in events)
        {
            _journal.Record(bootEvent);
        }
    }

    public ValueTask DisposeAsync()
    {
        _capture?.Dispose();
        return ValueTask.CompletedTask;
    }
}
