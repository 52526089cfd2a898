using PxeKit.Core.Events;

namespace PxeKit.Tests.Shared;

/// <summary>A journal sink that keeps every event, safe to read while others write.</summary>
internal sealed class RecordingSink : IBootEventSink
{
    private readonly List<BootEvent> _events = [];

    public IReadOnlyList<BootEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>The verdicts among the events, in order.</summary>
    public IReadOnlyList<BootEvent> Diagnoses => [.. Events.Where(e => e.Step == BootStep.Diagnosis)];

    public void Write(BootEvent bootEvent)
    {
        lock (_events)
        {
            _events.Add(bootEvent);
        }
    }
}
