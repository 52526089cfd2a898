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

    /// <summary>The states of the client this one was before <see cref="Reuse"/>, cleared, by slot: taken before making new ones.</summary>
    private object?[]? _cleared;

    internal ClientState(string key) => Key = key;

    /// <summary>The MAC, or the address of a peer no DHCP message named.</summary>
    public string Key { get; private set; }

    public string? Mac { get; internal set; }

    public string? Address { get; internal set; }

    /// <summary>The architecture its last DHCP request named (option 93).</summary>
    public ClientArchitecture? Architecture { get; internal set; }

    /// <summary>When the engine first heard of it.</summary>
    public DateTimeOffset FirstSeen { get; internal set; }

    /// <summary>The state <typeparamref name="T"/> that a rule keeps about this client, made on first use.</summary>
    public T State<T>()
        where T : class, IRuleState, new()
    {
        int slot = Slot<T>.Index;
        if (slot >= _ruleState.Length)
        {
            Array.Resize(ref _ruleState, Math.Max(slot + 1, Volatile.Read(ref s_slots)));
        }

        return (T)(_ruleState[slot] ??= TakeCleared(slot) ?? new T());
    }

    /// <summary>
    /// The state <typeparamref name="T"/> if a rule has made it, else null: for reading without making one. A rule makes its
    /// state only for a client an event of its kind is about: the engine keeps up to <see cref="DiagnosisEngine.MaxClients"/>
    /// clients, and a DHCP client's events concern 6 rules of the 12 that keep state (docs/benchmarks.md, the DHCP run's peak).
    /// </summary>
    public T? Find<T>()
        where T : class, IRuleState, new()
    {
        int slot = Slot<T>.Index;
        return slot < _ruleState.Length ? (T?)_ruleState[slot] : null;
    }

    /// <summary>
    /// Makes this the state of a new client, <paramref name="key"/>, first heard at <paramref name="firstSeen"/>: what it
    /// knew goes, and the rules' states are cleared and kept for the new client's rules to take as they first ask (a rule
    /// that has not asked finds none, as for a client just met).
    /// </summary>
    internal void Reuse(string key, DateTimeOffset firstSeen)
    {
        Key = key;
        Mac = null;
        Address = null;
        Architecture = null;
        FirstSeen = firstSeen;
        if (_cleared is null || _cleared.Length < _ruleState.Length)
        {
            // The kinds of rule state known when it was made, or more since (a rule's first ask).
            Array.Resize(ref _cleared, _ruleState.Length);
        }

        for (int slot = 0; slot < _ruleState.Length; slot++)
        {
            if (_ruleState[slot] is IRuleState state)
            {
                state.Clear();
                _cleared[slot] = state;
                _ruleState[slot] = null;
            }
        }
    }

    private object? TakeCleared(int slot)
    {
        if (_cleared is null || slot >= _cleared.Length)
        {
            return null;
        }

        var state = _cleared[slot];
        _cleared[slot] = null;
        return state;
    }

    /// <summary>How many rules keep state about this client.</summary>
    internal int StatesMade => _ruleState.Count(state => state is not null);

    /// <summary>The slot of the state <typeparamref name="T"/>, given the first time a rule asks for it.</summary>
    private static class Slot<T>
    {
        public static readonly int Index = Interlocked.Increment(ref s_slots) - 1;
    }
}
