using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Doctor;

/// <summary>
/// Examines a host before anything boots from it: the interface, who holds the PXE ports, the firewall in both
/// directions, the bridge, the boot files, and which servers answer PXE clients. Every check runs, in order; what they
/// found goes through the diagnosis engine, whose rules name the faults in the same words as serve, trace and boot.
/// </summary>
public sealed class Doctor(IReadOnlyList<IDoctorCheck> checks)
{
    /// <summary>The checks of <c>pxekit doctor</c>, in the order their observations are shown, then <paramref name="more"/> (checks that need the server's sockets).</summary>
    public static Doctor Default(params IEnumerable<IDoctorCheck> more) =>
        new([new InterfaceCheck(), new PortCheck(), new FirewallCheck(), new BridgeCheck(), new BootFileCheck(), new ProbeCheck(), .. more]);

    public async Task<DoctorResult> ExamineAsync(DoctorSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var observations = new List<HostObservation>();
        var evidence = new List<BootEvent>();
        foreach (var check in checks)
        {
            var result = await check.RunAsync(subject, cancellationToken).ConfigureAwait(false);
            observations.AddRange(result.Observations);
            evidence.AddRange(result.Evidence);
        }

        return new DoctorResult(observations, Judge(subject, evidence));
    }

    /// <summary>The verdicts of the host's evidence: the whole inspection is read, then every rule decides.</summary>
    public static IReadOnlyList<Verdict> Judge(DoctorSubject subject, IEnumerable<BootEvent> evidence)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return DiagnosisEngine.Replay(evidence.OrderBy(e => e.Time), new EngineOptions
        {
            Interface = subject.Interface,
            BootRoot = subject.Root,
            ServerAddress = subject.Address?.ToString(),
            Sockets = subject.Sockets,
        });
    }
}
