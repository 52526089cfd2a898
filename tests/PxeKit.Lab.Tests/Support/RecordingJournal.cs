using System.Collections.Concurrent;
using PxeKit.Core.Events;

namespace PxeKit.Lab.Tests.Support;

internal sealed class RecordingJournal : IBootJournal
{
    private readonly ConcurrentQueue<BootEvent> _events = new();

    public IReadOnlyList<BootEvent> Events => [.. _events];

    public void Record(BootEvent bootEvent) => _events.Enqueue(bootEvent);
}
