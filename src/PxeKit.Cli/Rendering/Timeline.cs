using System.Globalization;
using System.Text;
using PxeKit.Core.Events;
using PxeKit.Core.Files;

namespace PxeKit.Cli.Rendering;

/// <summary>
/// The story of one boot, from the journal: each step with its time since the VM started. TFTP
/// requests are folded into their outcome (one line per file), so the timeline reads like the boot.
/// </summary>
public static class Timeline
{
    public static string Render(IEnumerable<BootEvent> events, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(events);
        var text = new StringBuilder();
        foreach (var e in events.OrderBy(e => e.Time))
        {
            if (ConsoleJournalSink.IsWireEvidence(e.Step) || e.Step is BootStep.TftpRequest or BootStep.HttpRequest or BootStep.ServerReady)
            {
                continue;
            }

            var offset = (e.Time - start).TotalSeconds;
            text.Append(CultureInfo.InvariantCulture, $"  {offset,7:+0.00;-0.00} s  {Name(e.Step),-15} {ConsoleJournalSink.Printable(Describe(e))}\n");
        }

        return text.ToString();
    }

    public static string Name(BootStep step) => step switch
    {
        BootStep.KernelStarted => "kernel",
        BootStep.Marker => "marker",
        BootStep.Firmware => "firmware",
        _ => ConsoleJournalSink.StepName(step),
    };

    public static string Describe(BootEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        // A HEAD request (UEFI HTTP Boot asks the size first) moved no bytes: tell it as it is.
        if (e.Step is BootStep.TftpComplete or BootStep.HttpComplete && e.File is not null && e.Http?.Method != "HEAD")
        {
            var size = e.Bytes is { } bytes ? ByteSize.Describe(bytes) : "?";
            var seconds = e.Elapsed is { } elapsed ? elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s" : "";
            return $"{e.File}  {size}  {seconds}".TrimEnd();
        }

        if (e.File is not null && !e.Detail.Contains(e.File, StringComparison.Ordinal))
        {
            return $"{e.File}: {e.Detail}";
        }

        return e.Detail;
    }
}
