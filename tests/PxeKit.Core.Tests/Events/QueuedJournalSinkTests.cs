using PxeKit.Core.Events;

namespace PxeKit.Core.Tests.Events;

public sealed class QueuedJournalSinkTests
{
    [Fact]
    public void Every_event_reaches_every_sink_in_order_by_the_time_it_is_disposed()
    {
        var first = new RecordingSink();
        var second = new RecordingSink();
        var queued = new QueuedJournalSink([first, second], capacity: 100_000);
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

    [Fact]
    public async Task Dispose_gives_up_on_an_output_stalled_for_good_and_a_later_write_does_not_wait_for_it()
    {
        // serve with its standard output a pipe nobody reads did not stop on SIGTERM: Dispose joined the writer thread,
        // which sat in the stalled write for as long as the pipe stayed full.
        using var stalled = new StalledSink();
        var queued = new QueuedJournalSink([stalled], capacity: 100, drainLimit: TimeSpan.FromMilliseconds(200));
        queued.Write(Event(1));
        queued.Write(Event(2));
        Assert.True(stalled.Entered.Wait(TimeSpan.FromSeconds(30)));

        var stopping = Task.Run(() =>
        {
            queued.Dispose();
            queued.Write(Event(3));
        });
        Assert.Same(stopping, await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(30))));
        await stopping;
        Assert.True(queued.Dropped >= 1);
        stalled.Release();
    }

    [Fact]
    public async Task A_stalled_sink_never_makes_a_writer_wait_and_is_told_how_many_events_it_missed()
    {
        using var stalled = new StalledSink();
        var queued = new QueuedJournalSink([stalled], capacity: 1_000);

        // The test's own bound: were Write to wait for the stalled sink, this would never end.
        var writing = Task.Run(() =>
        {
            for (int n = 0; n < 20_000; n++)
            {
                queued.Write(Event(n));
            }
        });
        Assert.Same(writing, await Task.WhenAny(writing, Task.Delay(TimeSpan.FromSeconds(30))));

        stalled.Release();
        queued.Dispose();
        // Told before the next event the sink takes: once, or twice when the queue filled before the writer's first event.
        long dropped = stalled.Events.Where(e => e.Step == BootStep.EventsDropped).Sum(e => e.Dropped!.Value);
        var delivered = stalled.Events.Where(e => e.Step == BootStep.DhcpDiscover).ToList();
        Assert.Equal(20_000, delivered.Count + dropped);
        Assert.Equal(queued.Dropped, dropped);
        Assert.InRange(delivered.Count, 1_000, 1_001);
        Assert.Equal(Event(0), delivered[0]);
        Assert.Equal(delivered.OrderBy(e => e.Time), delivered);
    }

    [Fact]
    public void A_failing_sink_is_told_of_once_and_again_only_after_it_recovered()
    {
        var flaky = new FlakySink { Failing = true };
        var told = new List<Exception>();
        var queued = new QueuedJournalSink([flaky], capacity: 100, (_, e) => told.Add(e));
        queued.Dispose();
        for (int n = 0; n < 5; n++)
        {
            queued.Write(Event(n));
        }

        flaky.Failing = false;
        queued.Write(Event(5));
        flaky.Failing = true;
        queued.Write(Event(6));

        Assert.Equal(2, told.Count);
        Assert.Equal([Event(5)], flaky.Events);
    }

    private static BootEvent Event(int n) =>
        new() { Time = DateTimeOffset.UnixEpoch.AddSeconds(n), Step = BootStep.DhcpDiscover, Detail = $"discover {n}" };

    private sealed class RecordingSink : IBootEventSink
    {
        public List<BootEvent> Events { get; } = [];

        public void Write(BootEvent bootEvent) => Events.Add(bootEvent);
    }

    /// <summary>A terminal that stopped reading: every write waits until the test lets it go.</summary>
    private sealed class StalledSink : IBootEventSink, IDisposable
    {
        private readonly ManualResetEventSlim _go = new();

        public List<BootEvent> Events { get; } = [];

        /// <summary>Set once the writer is inside <see cref="Write"/>, stuck until <see cref="Release"/>.</summary>
        public ManualResetEventSlim Entered { get; } = new();

        public void Write(BootEvent bootEvent)
        {
            Entered.Set();
            _go.Wait();
            Events.Add(bootEvent);
        }

        public void Release() => _go.Set();

        public void Dispose() => _go.Dispose();
    }

    private sealed class FlakySink : IBootEventSink
    {
        public bool Failing { get; set; }

        public List<BootEvent> Events { get; } = [];

        public void Write(BootEvent bootEvent)
        {
            if (Failing)
            {
                throw new IOException("No space left on device");
            }

            Events.Add(bootEvent);
        }
    }

    private sealed class BrokenSink : IBootEventSink
    {
        public void Write(BootEvent bootEvent) => throw new IOException("the terminal went away");
    }
}
