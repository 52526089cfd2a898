using PxeKit.Core.Events;

namespace PxeKit.Lab.Boot;

/// <summary>Keeps every event, for the timeline at the end.</summary>
internal sealed class CollectingSink : IBootEventSink
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

    public void Write(BootEvent bootEvent)
    {
        lock (_events)
        {
            _events.Add(bootEvent);
        }
    }
}
