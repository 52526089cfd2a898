namespace PxeKit.Diagnostics.Doctor;

/// <summary>One thing the doctor found: which check, how much it matters, what it is and how to fix it.</summary>
/// <param name="Check">The check's short name, e.g. <c>interface</c>, <c>ports</c>, <c>firewall</c>.</param>
/// <param name="Summary">One sentence: what was found.</param>
/// <param name="Fix">What to do about it (a command where there is one); null when nothing needs doing.</param>
public sealed record DoctorFinding(string Check, DoctorSeverity Severity, string Summary, string? Fix = null)
{
    public static DoctorFinding Ok(string check, string summary) => new(check, DoctorSeverity.Ok, summary);

    public static DoctorFinding Info(string check, string summary, string? fix = null) => new(check, DoctorSeverity.Info, summary, fix);

    public static DoctorFinding Warning(string check, string summary, string? fix = null) => new(check, DoctorSeverity.Warning, summary, fix);

    public static DoctorFinding Error(string check, string summary, string? fix = null) => new(check, DoctorSeverity.Error, summary, fix);
}
