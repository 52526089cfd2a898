namespace PxeKit.Diagnostics.Doctor;

/// <summary>One of the doctor's checks. A check reports what it could not find out as an observation; it never throws for the host's state.</summary>
public interface IDoctorCheck
{
    /// <summary>Short name shown beside each observation.</summary>
    string Name { get; }

    Task<CheckResult> RunAsync(DoctorSubject subject, CancellationToken cancellationToken);
}
