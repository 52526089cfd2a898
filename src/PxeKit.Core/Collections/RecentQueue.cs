using System.Collections;

namespace PxeKit.Core.Collections;

/// <summary>
/// The newest <see cref="Capacity"/> items added, oldest first: past the capacity, adding one lets the oldest go. For
/// what PxeKit keeps of a stream that has no end (verdicts, console lines, read positions). Not safe for several
/// threads: its owner locks, as it does for the rest of its state.
/// </summary>
public sealed class RecentQueue<T> : IReadOnlyCollection<T>
{
    private readonly Queue<T> _items = new();

    public RecentQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count => _items.Count;

    /// <summary>Adds <paramref name="item"/> as the newest; when full, the oldest goes.</summary>
    public void Add(T item)
    {
        if (_items.Count == Capacity)
        {
            _items.Dequeue();
        }

        _items.Enqueue(item);
    }

    /// <summary>Lets every item go.</summary>
    public void Clear() => _items.Clear();

    /// <summary>True when <paramref name="item"/> is among the newest kept.</summary>
    public bool Contains(T item) => _items.Contains(item);

    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
