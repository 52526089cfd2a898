using System.Diagnostics;

namespace PxeKit.Core.Collections;

/// <summary>
/// A queue between threads that add and one thread that takes whatever has gathered, in order, as one batch. The taker
/// sleeps without spinning and is woken once per batch, not once per item: on a small machine (two cores, a
/// virtual machine whose idle vCPUs halt) each wake-up and each spin costs a context switch, and a DHCP exchange used to
/// cost eleven of them through two queues that woke their thread for every item. Optionally bounded: past its capacity
/// an add is refused at once, never waited for.
/// </summary>
/// <typeparam name="T">What is queued.</typeparam>
public sealed class BatchQueue<T>
{
    private readonly Queue<T> _items = new();
    private readonly object _gate = new();
    private readonly int _capacity;
    private int _taken;
    private bool _completed;
    private bool _takerWaits;
    private int _gatherUntil;

    /// <param name="capacity">
    /// How many items may be held at most: those queued, and the taker's last batch until it asks for the next (so a
    /// stalled taker holds no more than this either). Unbounded when not given.
    /// </param>
    public BatchQueue(int capacity = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Whether <see cref="Complete"/> was called: nothing more is added.</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_gate)
            {
                return _completed;
            }
        }
    }

    /// <summary>Adds <paramref name="item"/>; false when the queue is full (the item is not added).</summary>
    /// <exception cref="InvalidOperationException">The queue was completed.</exception>
    public bool TryAdd(T item)
    {
        lock (_gate)
        {
            if (_completed)
            {
                throw new InvalidOperationException("the queue is completed: nothing more is added");
            }

            if (_items.Count + _taken >= _capacity)
            {
                return false;
            }

            _items.Enqueue(item);
            if (_takerWaits && _items.Count >= _gatherUntil)
            {
                // Once per batch: the taker takes everything added until it runs.
                _takerWaits = false;
                Monitor.Pulse(_gate);
            }

            return true;
        }
    }

    /// <summary>
    /// Waits until something is queued, then moves up to <paramref name="most"/> items, oldest first, into
    /// <paramref name="batch"/>. Returns false once the queue is completed and empty. For one taking thread.
    /// </summary>
    /// <param name="gather">
    /// How long to let a batch gather once its first item is there: the taker is then woken again only when
    /// <paramref name="most"/> items wait, when the time is up, or when the queue completes. For a taker whose items
    /// may wait a little (lines of a log), so that a steady stream costs a few wake-ups a second, not one per item.
    /// </param>
    public bool TakeAll(List<T> batch, int most, TimeSpan gather = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(most, 1);
        lock (_gate)
        {
            // The last batch is done with.
            _taken = 0;
            _gatherUntil = 1;
            while (_items.Count == 0)
            {
                if (_completed)
                {
                    return false;
                }

                _takerWaits = true;
                Monitor.Wait(_gate);
            }

            if (gather > TimeSpan.Zero)
            {
                Gather(most, gather);
            }

            _takerWaits = false;
            _taken = Math.Min(most, _items.Count);
            for (int i = _taken; i > 0; i--)
            {
                batch.Add(_items.Dequeue());
            }

            return true;
        }
    }

    // Under the gate: waits until `most` items are queued, the time is up or the queue completes.
    private void Gather(int most, TimeSpan gather)
    {
        // Stopwatch, not Environment.TickCount64: that one moves in steps of 4 ms here (a coarse clock), longer than the
        // lease writer's whole gather.
        var started = Stopwatch.GetTimestamp();
        _gatherUntil = most;
        while (_items.Count < most && !_completed)
        {
            var left = gather - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            // Whole milliseconds, rounded up: Monitor.Wait would round a part of one down to 0, and spin.
            _takerWaits = true;
            Monitor.Wait(_gate, (int)Math.Ceiling(left.TotalMilliseconds));
        }

        _gatherUntil = 1;
    }

    /// <summary>No more adds; the taker still gets what is queued, then <see cref="TakeAll"/> returns false.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }
}
