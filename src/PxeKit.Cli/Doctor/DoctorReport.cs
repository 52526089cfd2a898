using PxeKit.Cli.Rendering;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Doctor;

namespace PxeKit.Cli.Doctor;

/// <summary>
/// The doctor's answer as text: what was checked (a line per observation: check, ok or info, the sentence, a hint under
/// it), what the configuration says is wrong, then the verdicts, worded as every other tool words them: ERROR when
/// certain, WARNING when likely.
/// </summary>
internal static class DoctorReport
{
    public static void Write(TextWriter output, string title, DoctorResult result, ConfigProblems config)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(config);
        output.WriteLine(title);
        var lines = result.Observations.Select(o => (o.Check, Label: o.Kind == ObservationKind.Ok ? "ok" : "info", o.Sentence, o.Hint))
            .Concat(config.Warnings.Select(w => (Check: "config", Label: "WARNING", Sentence: w, Hint: (string?)null)))
            .Concat(config.Errors.Select(e => (Check: "config", Label: "ERROR", Sentence: $"The configuration says: {e}.", Hint: (string?)null)))
            .ToList();
        int width = lines.Count == 0 ? 0 : lines.Max(l => l.Check.Length);
        foreach (var (check, label, sentence, hint) in lines)
        {
            // A probe's answer carries what a server on the segment sent (a boot file name): escaped, like every peer's text.
            output.WriteLine($"  {check.PadRight(width)}  {label,-7} {ConsoleJournalSink.Printable(sentence)}");
            if (hint is not null)
            {
                output.WriteLine($"  {new string(' ', width)}          hint: {hint}");
            }
        }

        foreach (var verdict in result.Verdicts)
        {
            output.WriteLine();
            output.Write(VerdictText.Render(verdict, Label(verdict)));
        }

        int errors = config.Errors.Count + result.Verdicts.Count(v => v.Confidence == Confidence.Certain);
        int warnings = config.Warnings.Count + result.Verdicts.Count(v => v.Confidence != Confidence.Certain);
        output.WriteLine();
        output.WriteLine((errors, warnings) switch
        {
            (0, 0) => "All clear: nothing found that would stop a machine from booting here.",
            (0, _) => $"No errors, {Count(warnings, "warning")}: some machines may not boot (see above).",
            _ => $"{Count(errors, "error")}, {Count(warnings, "warning")}: machines will not boot from here until the errors are fixed.",
        });
    }

    /// <summary>Whether the doctor's answer holds an error (its exit status is then 1).</summary>
    public static bool HasErrors(DoctorResult result, ConfigProblems config) =>
        config.Errors.Count > 0 || result.Verdicts.Any(v => v.Confidence == Confidence.Certain);

    private static string Label(Verdict verdict) => verdict.Confidence == Confidence.Certain ? "ERROR" : "WARNING";

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
