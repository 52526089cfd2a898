using PxeKit.Lab.Boot;

namespace PxeKit.Cli.Rendering;

/// <summary>The end of <c>pxekit boot</c> on standard output: the timeline, the console's verdict, and for a failed boot its causes.</summary>
internal static class BootReport
{
    /// <param name="source">Where the timeline comes from when it is not PxeKit's own journal (", from a capture on the tap").</param>
    public static async Task WriteAsync(LabBootOutcome outcome, string source, TextWriter output)
    {
        await output.WriteLineAsync($"Boot timeline ({outcome.Description}{source}; times from the VM's start):").ConfigureAwait(false);
        await output.WriteAsync(Timeline.Render(outcome.Events, outcome.Start)).ConfigureAwait(false);
        await output.WriteLineAsync(outcome.Result.Summary).ConfigureAwait(false);
        if (outcome.Succeeded)
        {
            return;
        }

        foreach (var cause in outcome.Causes)
        {
            await output.WriteLineAsync("Cause: " + ConsoleJournalSink.Printable(cause.Text)).ConfigureAwait(false);
        }

        await output.WriteLineAsync("Last lines on the VM's console:").ConfigureAwait(false);
        foreach (var line in outcome.Result.LastLines)
        {
            await output.WriteLineAsync("  | " + line).ConfigureAwait(false);
        }
    }
}
