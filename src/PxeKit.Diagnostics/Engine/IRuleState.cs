namespace PxeKit.Diagnostics.Engine;

/// <summary>
/// What a rule keeps about one client (<see cref="ClientState.State{T}"/>). When the engine forgets a client to meet a
/// new one, it clears the forgotten client's states and gives them to the new client, as a DHCP server meets thousands
/// of new clients a second in a storm: each state made anew lived about a second and died in the oldest generation.
/// </summary>
public interface IRuleState
{
    /// <summary>Back to what a state just made holds.</summary>
    void Clear();
}
