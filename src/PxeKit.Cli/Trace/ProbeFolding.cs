using System.Globalization;
using PxeKit.Core.Events;
using PxeKit.Diagnostics.Trace;

namespace PxeKit.Cli.Trace;

/// <summary>
/// Folds a run of refused boot loader probes (pxelinux.cfg/01-MAC, then the address in hexadecimal, one digit
/// shorter each time) into one timeline line: they are expected to be missing, and nine lines of them hide the story.
/// </summary>
public static class ProbeFolding
{
    public static IReadOnlyList<BootEvent> Fold(IEnumerable<BootEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var result = new List<BootEvent>();
        var run = new List<BootEvent>();
        foreach (var e in events.OrderBy(e => e.Time))
        {
            if (e.Step == BootStep.TftpRequest)
            {
                result.Add(e);
                continue;
            }

            if (e.Step == BootStep.TftpRefused && BootLoaderProbe.Is(e.File))
            {
                run.Add(e);
                continue;
            }

            Flush(run, result);
            result.Add(e);
        }

        Flush(run, result);
        return result;
    }

    private static void Flush(List<BootEvent> run, List<BootEvent> result)
    {
        if (run.Count == 1)
        {
            result.Add(run[0]);
        }
        else if (run.Count > 1)
        {
            var names = run.Count == 2 ? $"{run[0].File} and {run[1].File}" : $"{run[0].File}, {run[1].File} ... {run[^1].File}";
            result.Add(run[^1] with
            {
                File = null,
                Detail = string.Create(CultureInfo.InvariantCulture, $"{names}: {run.Count} names the boot loader tries before its default configuration, not found (as expected)"),
            });
        }

        run.Clear();
    }
}
