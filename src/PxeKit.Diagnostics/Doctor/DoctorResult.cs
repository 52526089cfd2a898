using PxeKit.Core.Verdicts;

namespace PxeKit.Diagnostics.Doctor;

/// <summary>The doctor's answer: what it checked, and the verdicts the engine's rules said of what it found.</summary>
public sealed record DoctorResult(IReadOnlyList<HostObservation> Observations, IReadOnlyList<Verdict> Verdicts);
