namespace PxeKit.Core.Collections;

/// <summary>
/// A map with a fixed capacity for what a peer on the segment can make PxeKit remember (one entry per MAC or address):
/// past it, the entry used least recently goes, so a flood of forged MACs costs a bounded amount of memory and pushes
/// out only what nobody has used since. Safe for several threads.
/// </summary>
public sealed class BoundedMap<TKey, TValue>
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<(TKey Key, TValue Value)>> _entries;
    private readonly LinkedList<(TKey Key, TValue Value)> _byUse = new();
    private readonly Lock _gate = new();

    public BoundedMap(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _entries = new Dictionary<TKey, LinkedListNode<(TKey, TValue)>>(comparer);
    }

    public int Capacity { get; }

    public int Count
    {
        get { lock (_gate) { return _entries.Count; } }
    }

    /// <summary>
    /// Sets <paramref name="key"/>'s value; when the map is full, the entry used least recently goes. A key set again
    /// keeps its entry, and a new key in a full map takes the entry that goes: past its first filling, the map allocates
    /// nothing (a DHCP server sets an entry for every request, in several of these maps).
    /// </summary>
    public void Set(TKey key, TValue value)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                node.Value = (node.Value.Key, value);
                MoveFirst(node);
                return;
            }

            if (_entries.Count >= Capacity)
            {
                node = _byUse.Last!;
                _byUse.RemoveLast();
                _entries.Remove(node.Value.Key);
                node.Value = (key, value);
                _byUse.AddFirst(node);
            }
            else
            {
                node = _byUse.AddFirst((key, value));
            }

            _entries[key] = node;
        }
    }

    /// <summary>The value of <paramref name="key"/>, which counts as a use.</summary>
    public bool TryGet(TKey key, out TValue value)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                MoveFirst(node);
                value = node.Value.Value;
                return true;
            }

            value = default!;
            return false;
        }
    }

    // The entry becomes the most recently used (the caller holds the gate).
    private void MoveFirst(LinkedListNode<(TKey Key, TValue Value)> node)
    {
        _byUse.Remove(node);
        _byUse.AddFirst(node);
    }

    public bool Remove(TKey key)
    {
        lock (_gate)
        {
            if (!_entries.Remove(key, out var node))
            {
                return false;
            }

            _byUse.Remove(node);
            return true;
        }
    }
}
