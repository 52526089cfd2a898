using PxeKit.Diagnostics.Doctor;

namespace PxeKit.Cli.Doctor;

/// <summary>The doctor's findings as text: one line per finding (check, severity, sentence), the fix under it, and a verdict.</summary>
internal static class DoctorReport
{
    public static void Write(TextWriter output, string title, IReadOnlyList<DoctorFinding> findings)
    {
        output.WriteLine(title);
        int width = findings.Count == 0 ? 0 : findings.Max(f => f.Check.Length);
        foreach (var finding in findings)
        {
            output.WriteLine($"  {finding.Check.PadRight(width)}  {Label(finding.Severity),-7} {finding.Summary}");
            if (finding.Fix is { } fix)
            {
                output.WriteLine($"  {new string(' ', width)}          fix: {fix}");
            }
        }

        int errors = findings.Count(f => f.Severity == DoctorSeverity.Error);
        int warnings = findings.Count(f => f.Severity == DoctorSeverity.Warning);
        output.WriteLine();
        output.WriteLine((errors, warnings) switch
        {
            (0, 0) => "All clear: nothing found that would stop a machine from booting here.",
            (0, _) => $"No errors, {Count(warnings, "warning")}: some machines may not boot (see above).",
            _ => $"{Count(errors, "error")}, {Count(warnings, "warning")}: machines will not boot from here until the errors are fixed.",
        });
    }

    private static string Label(DoctorSeverity severity) => severity switch
    {
        DoctorSeverity.Ok => "ok",
        DoctorSeverity.Info => "info",
        DoctorSeverity.Warning => "WARNING",
        _ => "ERROR",
    };

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
