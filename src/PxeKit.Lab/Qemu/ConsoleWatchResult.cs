namespace PxeKit.Lab.Qemu;

/// <summary>How watching a console ended.</summary>
/// <param name="Outcome">Marker, VM exit or timeout.</param>
/// <param name="Elapsed">From the start of watching to the outcome.</param>
/// <param name="Milestones">Every milestone recognised, in order.</param>
/// <param name="LastLines">The last console lines (assembled, non-empty), for error reports.</param>
public sealed record ConsoleWatchResult(
    WatchOutcome Outcome,
    TimeSpan Elapsed,
    IReadOnlyList<ConsoleMilestone> Milestones,
    IReadOnlyList<string> LastLines);
