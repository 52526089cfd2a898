namespace PxeKit.Diagnostics.Firewall;

/// <summary>One rule in a chain, reduced to what the evaluation needs.</summary>
/// <param name="Text">As the tool prints it: <c>-A INPUT -p udp -m udp --dport 67 -j DROP</c> or <c>udp dport 67 drop</c>.</param>
/// <param name="Position">iptables: the rule number in its chain (1 first); nft: the rule handle.</param>
/// <param name="Target">The chain of a jump or goto; the unmodeled verdict's name.</param>
/// <param name="Specification">iptables: the words after <c>-A CHAIN</c>, so <c>-D CHAIN</c> with them deletes exactly this rule.</param>
internal sealed record FirewallRule(
    string Text,
    int Position,
    IReadOnlyList<RuleCondition> Conditions,
    RuleAction Action,
    string? Target,
    IReadOnlyList<string> Specification)
{
    /// <summary>All conditions together: Never if any is Never, Maybe if any is Maybe, else Always.</summary>
    public RuleMatch Match(FirewallQuestion question, out IReadOnlyList<string> undecided)
    {
        var open = new List<string>();
        undecided = open;
        foreach (var condition in Conditions)
        {
            switch (condition.Match(question))
            {
                case RuleMatch.Never:
                    open.Clear();
                    return RuleMatch.Never;
                case RuleMatch.Maybe:
                    open.Add(condition.Text);
                    break;
            }
        }

        return open.Count == 0 ? RuleMatch.Always : RuleMatch.Maybe;
    }
}
