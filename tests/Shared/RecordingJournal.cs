using System.Collections.Concurrent;
using PxeKit.Core.Events;

namespace PxeKit.Tests.Shared;

/// <summary>A journal that keeps every event, safe to read while components record; a test can wait for one.</summary>
internal sealed class RecordingJournal : IBootJournal
{
    private readonly ConcurrentQueue<BootEvent> _events = new();

    public IReadOnlyList<BootEvent> Events => [.. _events];

    public void Record(BootEvent bootEvent) => _events.Enqueue(bootEvent);

    /// <summary>The first event that satisfies <paramref name="predicate"/>, once it is recorded (10 s at most by default).</summary>
    public async Task<BootEvent> WaitForAsync(Func<BootEvent, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (_events.FirstOrDefault(predicate) is { } found)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("Expected journal event not recorded. Events:" + Environment.NewLine
            + string.Join(Environment.NewLine, _events.Select(e => $"{e.Step} {e.File} {e.Bytes} {e.Detail}")));
    }
}
