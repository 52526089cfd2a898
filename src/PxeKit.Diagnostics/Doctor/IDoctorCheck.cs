namespace PxeKit.Diagnostics.Doctor;

/// <summary>One of the doctor's checks. A check reports what it could not find out as a finding; it never throws for the host's state.</summary>
public interface IDoctorCheck
{
    /// <summary>Short name shown beside each finding.</summary>
    string Name { get; }

    Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorSubject subject, CancellationToken cancellationToken);
}
