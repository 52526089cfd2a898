using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Engine;

/// <summary>
/// What the engine knows of one client, whatever source told it: its MAC and address, its firmware, and a slot
/// of state for each rule. Keyed by MAC; a peer known only by its address has a state of its own until DHCP ties
/// the address to a MAC.
/// </summary>
public sealed class ClientState
{
    private readonly Dictionary<Type, object> _ruleState = [];

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
        if (!_ruleState.TryGetValue(typeof(T), out var state))
        {
            state = new T();
            _ruleState[typeof(T)] = state;
        }

        return (T)state;
    }
}
