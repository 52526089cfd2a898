using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Engine;

/// <summary>
/// What the engine knows of one client, whatever source told it: its MAC and address, its firmware, and a slot
/// of state for each rule. Keyed by MAC; a peer known only by its address has a state of its own until DHCP ties
/// the address to a MAC.
/// </summary>
public sealed class ClientState
{
    /// <summary>How many kinds of rule state there are so far: each has its slot (<see cref="Slot{T}"/>).</summary>
    private static int s_slots;

    /// <summary>A rule's state by its kind's slot: an index, not a lookup by type, as every rule asks on every event.</summary>
    private object?[] _ruleState = new object?[Volatile.Read(ref s_slots)];

    internal ClientState(string key) => Key = key;

    /// <summary>The MAC, or the address of a peer no DHCP message named.</summary>
    public string Key { get; }

    public string? Mac { get; internal set; }

    public string? Address { get; internal set; }

    /// <summary>The architecture its last DHCP request named (option 93).</summary>
    public ClientArchitecture? Architecture { get; internal set; }

    /// <summary>When the engine first heard of it.</summary>
    public DateTimeOffset FirstSeen { get; internal set; }

    /// <summary>The state <typeparamref name="T"/> that a rule keeps about this client, made on first use.</summary>
    public T State<T>()
        where T : class, new()
    {
        int slot = Slot<T>.Index;
        if (slot >= _ruleState.Length)
        {
            Array.Resize(ref _ruleState, Math.Max(slot + 1, Volatile.Read(ref s_slots)));
        }

        return (T)(_ruleState[slot] ??= new T());
    }

    /// <summary>
    /// The state <typeparamref name="T"/> if a rule has made it, else null: for reading without making one. A rule makes its
    /// state only for a client an event of its kind is about: the engine keeps up to <see cref="DiagnosisEngine.MaxClients"/>
    /// clients, and a DHCP client's events concern 6 rules of the 12 that keep state (docs/benchmarks.md, the DHCP run's peak).
    /// </summary>
    public T? Find<T>()
        where T : class, new()
    {
        int slot = Slot<T>.Index;
        return slot < _ruleState.Length ? (T?)_ruleState[slot] : null;
    }

    /// <summary>How many rules keep state about this client.</summary>
    internal int StatesMade => _ruleState.Count(state => state is not null);

    /// <summary>The slot of the state <typeparamref name="T"/>, given the first time a rule asks for it.</summary>
    private static class Slot<T>
    {
        public static readonly int Index = Interlocked.Increment(ref s_slots) - 1;
    }
}
