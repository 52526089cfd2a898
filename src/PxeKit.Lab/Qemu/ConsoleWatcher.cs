using System.Text;
using PxeKit.Core.Collections;
using PxeKit.Core.Events;

namespace PxeKit.Lab.Qemu;

/// <summary>
/// Tails a VM's serial log, assembles its lines, reports recognised milestones to the journal and stops at
/// the marker, when the VM ends, or at the time limit. Keeps the last lines for error reports.
/// </summary>
public sealed class ConsoleWatcher
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly IBootJournal _journal;
    private readonly TimeProvider _time;
    private readonly ConsoleLineAssembler _assembler = new();
    private readonly RecentQueue<string> _lastLines;
    private bool _gaveUp;
    private readonly List<ConsoleMilestone> _milestones = [];
    private string? _mac;
    private string? _address;

    public ConsoleWatcher(IBootJournal journal, int lastLineCount = 30, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lastLineCount);
        _journal = journal;
        _lastLines = new RecentQueue<string>(lastLineCount);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The last console lines seen so far (non-empty, assembled), oldest first.</summary>
    public IReadOnlyList<string> LastLines => [.. _lastLines];

    /// <summary>
    /// Watches <paramref name="logPath"/> (which may not exist yet) until <paramref name="marker"/> appears,
    /// <paramref name="vmExited"/> completes, or <paramref name="timeout"/> passes.
    /// </summary>
    public async Task<ConsoleWatchResult> WatchAsync(
        string logPath, string marker, Task vmExited, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vmExited);
        var started = _time.GetTimestamp();
        FileStream? log = null;
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var exited = vmExited.IsCompleted; // read before draining, so no output written before exit is missed
                log ??= TryOpen(logPath);
                if (log is not null && Drain(log, buffer, marker))
                {
                    return Result(WatchOutcome.MarkerSeen, started);
                }

                if (_gaveUp)
                {
                    return Result(WatchOutcome.FirmwareGaveUp, started);
                }

                if (exited)
                {
                    return Finish(WatchOutcome.VmExited, marker, started);
                }

                if (_time.GetElapsedTime(started) >= timeout)
                {
                    return Finish(WatchOutcome.TimedOut, marker, started);
                }

                var delay = Task.Delay(PollInterval, _time, cancellationToken);
                await Task.WhenAny(delay, vmExited).ConfigureAwait(false);
            }
        }
        finally
        {
            if (log is not null)
            {
                await log.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Feeds console text through the assembler; true when the marker appeared.</summary>
    internal bool Consume(ReadOnlySpan<char> text, string marker)
    {
        foreach (var line in _assembler.Feed(text))
        {
            if (OnLine(line, marker))
            {
                return true; // what follows the marker is not part of this boot's story
            }
        }

        return false;
    }

    private bool Drain(FileStream log, byte[] buffer, string marker)
    {
        int read;
        var seen = false;
        while ((read = log.Read(buffer, 0, buffer.Length)) > 0)
        {
            // Latin-1 maps every byte to one char: firmware output is ASCII, and no byte can break decoding.
            seen |= Consume(Encoding.Latin1.GetString(buffer, 0, read), marker);
        }

        return seen;
    }

    private ConsoleWatchResult Finish(WatchOutcome outcome, string marker, long started)
    {
        // A VM that stopped mid-line: the unfinished line still counts.
        var pending = _assembler.Pending;
        return pending.Length > 0 && OnLine(pending, marker) ? Result(WatchOutcome.MarkerSeen, started) : Result(outcome, started);
    }

    private bool OnLine(string line, string marker)
    {
        if (line.Length == 0)
        {
            return false;
        }

        _lastLines.Add(line);

        // Checked after the marker, so a test that expects this very line still sees it as its marker.
        _gaveUp |= !line.Contains(marker, StringComparison.Ordinal) && IsFirmwareGivingUp(line);

        if (ConsoleMilestones.Recognise(line, marker) is not { } milestone)
        {
            return false;
        }

        _milestones.Add(milestone);
        _mac = milestone.Mac ?? _mac;
        _address = milestone.Address ?? _address;
        if (milestone.Step == BootStep.KernelStarted)
        {
            _assembler.JoinWrappedLines = false; // the kernel drives the UART itself and never wraps
        }

        _journal.Record(new BootEvent
        {
            Time = _time.GetUtcNow(),
            Step = milestone.Step,
            Mac = _mac,
            Address = _address,
            Source = EvidenceSource.Console,
            ConsoleFailure = milestone.Failure,
            Detail = milestone.Text,
            File = milestone.File,
            NetworkBoot = milestone.NetworkBoot,
        });
        return milestone.Step == BootStep.Marker;
    }

    /// <summary>SeaBIOS has tried every boot device (it then only retries the same list every 60 s).</summary>
    internal static bool IsFirmwareGivingUp(string line) => line.Contains("No bootable device", StringComparison.Ordinal);

    private ConsoleWatchResult Result(WatchOutcome outcome, long started) =>
        new(outcome, _time.GetElapsedTime(started), [.. _milestones], LastLines);

    private static FileStream? TryOpen(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return null; // QEMU has not created it yet
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }
}
