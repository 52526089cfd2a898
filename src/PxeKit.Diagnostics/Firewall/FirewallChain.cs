namespace PxeKit.Diagnostics.Firewall;

/// <summary>A chain; a base chain has a <paramref name="Hook"/> (input, output, forward, prerouting, postrouting).</summary>
/// <param name="Policy">"accept" or "drop" for base chains, null for user chains.</param>
/// <param name="PolicyText">The policy as the tool prints it (<c>:INPUT DROP [0:0]</c>, <c>type filter hook input priority filter; policy drop;</c>).</param>
internal sealed record FirewallChain(string Name, string? Hook, string? Policy, string? PolicyText, IReadOnlyList<FirewallRule> Rules)
{
    public bool PolicyDrops => string.Equals(Policy, "drop", StringComparison.OrdinalIgnoreCase);
}
