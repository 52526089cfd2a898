using PxeKit.Core.Events;

namespace PxeKit.Core.Tests.Events;

public sealed class QueuedJournalSinkTests
{
    [Fact]
    public void Every_event_reaches_every_sink_in_order_by_the_time_it_is_disposed()
    {
        var first = new RecordingSink();
        var second = new RecordingSink();
        var queued = new QueuedJournalSink(first, second);
        var events = Enumerable.Range(0, 100_000).Select(Event).ToList();
        foreach (var e in events)
        {
            queued.Write(e);
        }

        queued.Dispose();
        Assert.Equal(events, first.Events);
        Assert.Equal(events, second.Events);
    }

    [Fact]
    public void A_sink_that_fails_with_io_does_not_stop_the_others_and_an_event_after_dispose_is_still_written()
    {
        var healthy = new RecordingSink();
        var queued = new QueuedJournalSink(new BrokenSink(), healthy);
        queued.Write(Event(1));
        queued.Dispose();
        queued.Write(Event(2));
        Assert.Equal([Event(1), Event(2)], healthy.Events);
    }

    private static BootEvent Event(int n) =>
        new() { Time = DateTimeOffset.UnixEpoch.AddSeconds(n), Step = BootStep.DhcpDiscover, Detail = $"discover {n}" };

    private sealed class RecordingSink : IBootEventSink
    {
        public List<BootEvent> Events { get; } = [];

        public void Write(BootEvent bootEvent) => Events.Add(bootEvent);
    }

    private sealed class BrokenSink : IBootEventSink
    {
        public void Write(BootEvent bootEvent) => throw new IOException("the terminal went away");
    }
}
