namespace PxeKit.Diagnostics.Doctor;

/// <summary>
/// Examines a host before anything boots from it: the interface, who holds the PXE ports, the firewall, the bridge,
/// the boot files, and which servers answer PXE clients. Runs every check, in order, and keeps every finding.
/// </summary>
public sealed class Doctor(IReadOnlyList<IDoctorCheck> checks)
{
    /// <summary>The checks of <c>pxekit doctor</c>, in the order their findings are shown.</summary>
    public static Doctor Default() => new([new InterfaceCheck(), new PortCheck(), new FirewallCheck(), new BridgeCheck(), new BootFileCheck(), new ProbeCheck()]);

    public async Task<IReadOnlyList<DoctorFinding>> ExamineAsync(DoctorSubject subject, CancellationToken cancellationToken)
    {
        var findings = new List<DoctorFinding>();
        foreach (var check in checks)
        {
            findings.AddRange(await check.RunAsync(subject, cancellationToken).ConfigureAwait(false));
        }

        return findings;
    }
}
