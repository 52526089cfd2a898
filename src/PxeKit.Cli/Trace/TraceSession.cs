using System.Runtime.InteropServices;
using PxeKit.Cli.Commands;
using PxeKit.Cli.Rendering;
using PxeKit.Core.Capture;
using PxeKit.Core.Events;
using PxeKit.Diagnostics.Capture;
using PxeKit.Diagnostics.Engine;
using PxeKit.Diagnostics.Trace;

namespace PxeKit.Cli.Trace;

/// <summary>One run of <c>pxekit trace</c>: frames in (a file or an interface), the story and the verdicts out.</summary>
public sealed class TraceSession(TraceRequest request, TextWriter output, PcapNgWriter? writer) : IFrameConsumer
{
    private readonly TraceAnalyzer _analyzer = new(new TraceAnalyzerOptions { Mac = request.Mac });

    /// <summary>Every step the analyzer found, for the diagnosis once the capture is over.</summary>
    private readonly List<BootEvent> _steps = [];

    /// <summary>Set by a live capture: ended when it fails, and why.</summary>
    private CancellationTokenSource? _stop;

    private string? _failure;

    /// <summary>Reads the whole file, then prints the timelines and verdicts.</summary>
    public int ReadFile(string path)
    {
        foreach (var frame in CaptureFile.Read(path))
        {
            _steps.AddRange(_analyzer.Add(frame));
            writer?.Write(frame);
        }

        return Report(path);
    }

    /// <summary>Captures until cancelled or the duration is up, printing each step as it comes.</summary>
    public int Live(string interfaceName, CancellationToken cancellationToken, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        // Ctrl-C (or SIGTERM) ends the capture, not the process: the story is told first. So does a capture that fails.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _stop = stop;
        using (var capture = LiveCapture.Start(interfaceName, new TraceAnalyzerOptions().CaptureFilter, this, out var reason))
        {
            if (capture is null)
            {
                error.WriteLine($"pxekit trace: {reason}.");
                return ExitCodes.BadConfiguration;
            }

            var until = request.Duration is { } duration ? $" for {TraceCommand.Seconds(duration)} s" : " until Ctrl-C";
            output.WriteLine($"pxekit trace: capturing on {interfaceName}{until}{(writer is null ? "" : $", saving to {request.Write}")}");
            output.Flush();
            using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            stop.Token.WaitHandle.WaitOne(request.Duration ?? Timeout.InfiniteTimeSpan);
        }

        // The capture's thread has ended: the analyzer and the writer are this thread's again.
        writer?.Flush();
        if (_failure is { } failure)
        {
            error.WriteLine($"pxekit trace: {failure}.");
        }

        return Report($"capture on {interfaceName}");

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    void IFrameConsumer.OnFrame(in CapturedFrame frame)
    {
        writer?.Write(frame);
        Print(_analyzer.Add(frame));
    }

    void IFrameConsumer.OnTick(DateTimeOffset now)
    {
        writer?.Flush();
        Print(_analyzer.Tick(now));
    }

    void IFrameConsumer.OnFailed(string reason)
    {
        _failure = reason;
        _stop?.Cancel();
    }

    private int Report(string source)
    {
        Print(_analyzer.Finish(), live: false);
        // A capture says nothing of this host's firewall: the rules tell what the wire shows.
        var verdicts = DiagnosisEngine.Replay(_steps);
        output.Write(TraceReport.Render(source, _analyzer, verdicts));
        output.Flush();
        return verdicts.Count > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    private void Print(IReadOnlyList<BootEvent> events, bool live = true)
    {
        _steps.AddRange(events);
        if (!live || request.Read is not null)
        {
            return;
        }

        foreach (var e in events)
        {
            output.WriteLine(ConsoleJournalSink.Format(e));
        }

        output.Flush();
    }
}
