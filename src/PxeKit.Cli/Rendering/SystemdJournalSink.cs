using PxeKit.Core.Events;
using PxeKit.Core.Systemd;

namespace PxeKit.Cli.Rendering;

/// <summary>
/// Serve's step lines, written to journald with their typed fields (<see cref="BootEventJournalFields"/>) when it runs
/// as a systemd service, instead of to standard output: the journal stamps the time, so the line is who, step and detail.
/// Serve puts it behind a <see cref="QueuedJournalSink"/> of its own, and the socket never blocks.
/// </summary>
public sealed class SystemdJournalSink(JournalSocket journal) : IBootEventSink
{
    public void Write(BootEvent bootEvent)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        if (ConsoleJournalSink.IsWireEvidence(bootEvent.Step))
        {
            return;
        }

        var message = $"{ConsoleJournalSink.Who(bootEvent)}  {ConsoleJournalSink.StepName(bootEvent.Step)}  {ConsoleJournalSink.Printable(Timeline.Describe(bootEvent))}";
        journal.Send(BootEventJournalFields.For(bootEvent, message));
    }
}
