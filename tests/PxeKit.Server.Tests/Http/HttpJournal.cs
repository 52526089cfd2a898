using System.Collections.Concurrent;
using PxeKit.Core.Events;

namespace PxeKit.Server.Tests.Http;

/// <summary>Keeps every event; lets a test wait for one, since a request ends after curl has its bytes.</summary>
internal sealed class HttpJournal : IBootJournal
{
    private readonly ConcurrentQueue<BootEvent> _events = new();

    public IReadOnlyList<BootEvent> Events => [.. _events];

    public void Record(BootEvent bootEvent) => _events.Enqueue(bootEvent);

    public async Task<BootEvent> WaitForAsync(Func<BootEvent, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            var found = _events.FirstOrDefault(predicate);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("Expected journal event not recorded. Events:" + Environment.NewLine
            + string.Join(Environment.NewLine, _events.Select(e => $"{e.Step} {e.File} {e.Bytes} {e.Detail}")));
    }
}
