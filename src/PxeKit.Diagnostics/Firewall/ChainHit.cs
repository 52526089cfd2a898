namespace PxeKit.Diagnostics.Firewall;

/// <summary>A rule (or, when <paramref name="Rule"/> is null, the base chain's policy) that drops or rejects the packet.</summary>
/// <param name="Chain">The chain holding the rule; the base chain for a policy.</param>
/// <param name="Conditions">Tests the question cannot decide, on the rule itself or on the jumps that lead to it.</param>
/// <param name="EarlierRules">Earlier rules that may let the packet by first (conditional accepts, unfollowed jumps).</param>
/// <param name="Path">The jump rules from the base chain to <paramref name="Chain"/>.</param>
internal sealed record ChainHit(
    FirewallTable Table,
    FirewallChain BaseChain,
    FirewallChain Chain,
    FirewallRule? Rule,
    FirewallVerdict Verdict,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<string> EarlierRules,
    IReadOnlyList<string> Path)
{
    public bool Certain => Conditions.Count == 0 && EarlierRules.Count == 0;
}
