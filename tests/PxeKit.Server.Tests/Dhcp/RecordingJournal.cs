using PxeKit.Core.Events;

namespace PxeKit.Server.Tests.Dhcp;

internal sealed class RecordingJournal : IBootJournal
{
    public List<BootEvent> Events { get; } = [];

    public void Record(BootEvent bootEvent)
    {
        lock (Events)
        {
            Events.Add(bootEvent);
        }
    }
}
