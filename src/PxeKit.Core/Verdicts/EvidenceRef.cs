using PxeKit.Core.Events;

namespace PxeKit.Core.Verdicts;

/// <summary>Points at one event that shows a verdict's cause: its time, step and source.</summary>
public sealed record EvidenceRef(DateTimeOffset Time, BootStep Step, EvidenceSource Source)
{
    public static EvidenceRef Of(BootEvent bootEvent)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        return new(bootEvent.Time, bootEvent.Step, bootEvent.Source);
    }
}
