using PxeKit.Core.Processes;

namespace PxeKit.Lab.Qemu;

/// <summary>How one VM boot ended.</summary>
public sealed record BootResult
{
    public required WatchOutcome Outcome { get; init; }

    public bool Succeeded => Outcome == WatchOutcome.MarkerSeen;

    /// <summary>From QEMU's start to the marker (or to the exit or timeout).</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>The command that ran.</summary>
    public required Command Command { get; init; }

    public required string SerialLogPath { get; init; }

    /// <summary>Milestones recognised on the console, in order.</summary>
    public required IReadOnlyList<ConsoleMilestone> Milestones { get; init; }

    /// <summary>The last console lines, for error reports.</summary>
    public required IReadOnlyList<string> LastLines { get; init; }

    /// <summary>QEMU's exit code when it ended by itself; null when the runner ended it.</summary>
    public int? ExitCode { get; init; }

    /// <summary>What QEMU printed on standard error (tail), e.g. why it could not open the tap.</summary>
    public string Errors { get; init; } = "";

    /// <summary>One sentence for the user.</summary>
    public string Summary => Outcome switch
    {
        WatchOutcome.MarkerSeen => $"The VM booted: the marker appeared after {Elapsed.TotalSeconds:0.0} s.",
        WatchOutcome.FirmwareGaveUp => $"The VM did not boot: after {Elapsed.TotalSeconds:0.0} s its firmware had no boot device left to try; the VM was stopped.",
        WatchOutcome.VmExited => $"The VM ended after {Elapsed.TotalSeconds:0.0} s without printing the marker (exit code {ExitCode}){ErrorSuffix}.",
        _ => $"No marker within {Elapsed.TotalSeconds:0} s; the VM was stopped{ErrorSuffix}.",
    };

    private string ErrorSuffix => Errors.Length == 0 ? "" : "; QEMU said: " + Errors.ReplaceLineEndings(" | ");
}
