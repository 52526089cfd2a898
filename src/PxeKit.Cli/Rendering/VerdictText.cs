using PxeKit.Core.Verdicts;

namespace PxeKit.Cli.Rendering;

/// <summary>A verdict for the terminal, the same in every tool: a label and the cause, then what was seen and the fix.</summary>
internal static class VerdictText
{
    public static string Render(Verdict verdict, string label = "FAULT", string indent = "  ")
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var text = $"{indent}{label,-5}  {ConsoleJournalSink.Printable(verdict.Cause)}\n";
        if (verdict.Seen.Length > 0)
        {
            text += $"{indent}  seen: {ConsoleJournalSink.Printable(verdict.Seen)}\n";
        }

        return text + $"{indent}  fix:  {ConsoleJournalSink.Printable(verdict.Fix)}\n";
    }
}
