using PxeKit.Core.Events;

namespace PxeKit.Diagnostics.Doctor;

/// <summary>
/// What one check found: observations for people, and the evidence (events from <see cref="EvidenceSource.Host"/>)
/// that the diagnosis engine's rules judge. A check states what it saw; it never decides a fault.
/// </summary>
public sealed record CheckResult(IReadOnlyList<HostObservation> Observations, IReadOnlyList<BootEvent> Evidence)
{
    public static CheckResult Empty { get; } = new([], []);
}
