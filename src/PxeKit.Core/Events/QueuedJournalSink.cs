using PxeKit.Core.Collections;

namespace PxeKit.Core.Events;

/// <summary>
/// Hands events to slow sinks (a terminal, a file) on a thread of its own, so that writing a line never holds up a
/// DHCP reply: the listener pays a queue insert per step instead of a formatted write and a flush. Events keep their
/// order. The queue is bounded, and <see cref="Write"/> never waits: when the sinks fall behind (a terminal paused,
/// <c>| less</c>, a reader of the events file that stopped, a full disk) the events that do not fit are dropped and
/// counted, and the sinks get an <see cref="BootStep.EventsDropped"/> event with the count as soon as they catch up.
/// Serve gives each slow sink a queue of its own, so one stalled output costs the others nothing. Dispose writes
/// what is queued, then returns; an output stalled for good (standard output a pipe nobody reads) holds it no longer
/// than <see cref="DefaultDrainLimit"/>, so a stalled reader never keeps the server from stopping.
/// </summary>
public sealed class QueuedJournalSink : IBootEventSink, IDisposable
{
    /// <summary>About twenty seconds of a 500-machine storm's steps: a bound, so memory cannot run away.</summary>
    public const int DefaultCapacity = 16_384;

    /// <summary>How long <see cref="Dispose"/> waits for the outputs to take what is queued before it gives up on them.</summary>
    public static readonly TimeSpan DefaultDrainLimit = TimeSpan.FromSeconds(5);

    /// <summary>How many events the writer takes from the queue at once.</summary>
    private const int MaximumBatch = 256;

    /// <summary>
    /// How long a batch gathers before it is written: woken for every event, the writer cost a DHCP server a context
    /// switch per step (15,800 a second at 4,000 exchanges a second, measured); the lines come at most this much later.
    /// </summary>
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(5);

    private readonly BatchQueue<BootEvent> _events;
    private readonly IReadOnlyList<IBootEventSink> _sinks;
    private readonly bool[] _failing;
    private readonly Action<IBootEventSink, Exception>? _failed;
    private readonly TimeProvider _time;
    private readonly Thread _thread;
    private readonly TimeSpan _drainLimit;
    private long _dropped;
    private long _droppedTotal;
    private bool _disposed;

    public QueuedJournalSink(params IReadOnlyList<IBootEventSink> sinks)
        : this(sinks, DefaultCapacity)
    {
    }

    /// <param name="failed">Told once when a sink starts failing (a full disk, a closed terminal), again only after it recovered.</param>
    /// <param name="drainLimit">How long <see cref="Dispose"/> waits for the queue to drain (<see cref="DefaultDrainLimit"/>).</param>
    public QueuedJournalSink(IReadOnlyList<IBootEventSink> sinks, int capacity, Action<IBootEventSink, Exception>? failed = null, TimeProvider? time = null, TimeSpan? drainLimit = null)
    {
        _drainLimit = drainLimit ?? DefaultDrainLimit;
        ArgumentNullException.ThrowIfNull(sinks);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _sinks = [.. sinks];
        _failing = new bool[_sinks.Count];
        _failed = failed;
        _time = time ?? TimeProvider.System;
        _events = new BatchQueue<BootEvent>(capacity);
        _thread = new Thread(Run) { Name = "pxekit journal writer", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Events dropped since this sink was made because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _droppedTotal);

    public void Write(BootEvent bootEvent)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        if (!_events.IsCompleted)
        {
            try
            {
                if (!_events.TryAdd(bootEvent))
                {
                    Interlocked.Increment(ref _dropped);
                    Interlocked.Increment(ref _droppedTotal);
                }

                return;
            }
            catch (InvalidOperationException)
            {
                // Closed between the check and the add: the event is written below instead.
            }
        }

        // After Dispose (a listener finishing its last reply) the event is written here, in place, unless an output is
        // still stuck in a write: then it is dropped and counted rather than waited for.
        if (!Monitor.TryEnter(_sinks))
        {
            Interlocked.Increment(ref _droppedTotal);
            return;
        }

        try
        {
            WriteToSinks(bootEvent);
        }
        finally
        {
            Monitor.Exit(_sinks);
        }
    }

    private void Run()
    {
        var batch = new List<BootEvent>();
        while (_events.TakeAll(batch, MaximumBatch, Gather))
        {
            lock (_sinks)
            {
                TellDropped();
                foreach (var bootEvent in batch)
                {
                    WriteToSinks(bootEvent);
                }
            }

            batch.Clear();
        }

        lock (_sinks)
        {
            TellDropped();
        }
    }

    /// <summary>What did not fit while the sinks were behind, told before the next event they get.</summary>
    private void TellDropped()
    {
        long dropped = Interlocked.Exchange(ref _dropped, 0);
        if (dropped > 0)
        {
            WriteToSinks(new BootEvent
            {
                Time = _time.GetUtcNow(),
                Step = BootStep.EventsDropped,
                Dropped = dropped,
                Detail = $"{dropped} events not written here: this output fell behind, and serving did not wait for it",
            });
        }
    }

    private void WriteToSinks(BootEvent bootEvent)
    {
        for (int i = 0; i < _sinks.Count; i++)
        {
            try
            {
                _sinks[i].Write(bootEvent);
                _failing[i] = false;
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // A closed terminal or a full disk must not end the server: the other sinks go on, and it is said once.
                if (!_failing[i])
                {
                    _failing[i] = true;
                    _failed?.Invoke(_sinks[i], e);
                }
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _events.Complete();

        // An output stuck in a write is left behind (the thread is a background one): stopping must not wait for a reader.
        _thread.Join(_drainLimit);
        // The collection itself is left to the collector: a late Write still asks it whether it is closed.
    }
}
