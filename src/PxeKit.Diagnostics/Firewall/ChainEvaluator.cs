namespace PxeKit.Diagnostics.Firewall;

/// <summary>
/// Walks one base chain for one question the way netfilter would, rule by rule: the first rule that certainly
/// matches with a verdict ends the walk; jumps are followed (up to <see cref="MaxDepth"/> chains deep), goto
/// does not come back, RETURN or the end of a user chain does; at the end of the base chain its policy applies.
/// A rule that may or may not match (an address, an interface) does not end the walk: a drop behind it is
/// reported as conditional, and an accept before a drop makes that drop uncertain.
/// </summary>
internal sealed class ChainEvaluator
{
    public const int MaxDepth = 8;

    private readonly FirewallTable _table;
    private readonly FirewallChain _base;
    private readonly FirewallQuestion _question;
    private readonly List<ChainHit> _hits = [];
    private readonly List<string> _mayPass = [];
    private readonly ICollection<string> _notes;

    private ChainEvaluator(FirewallTable table, FirewallChain baseChain, FirewallQuestion question, ICollection<string> notes)
    {
        (_table, _base, _question, _notes) = (table, baseChain, question, notes);
    }

    private enum Outcome
    {
        /// <summary>A verdict certainly applies to every packet that entered the chain.</summary>
        Decided,

        /// <summary>The packet leaves the chain without a verdict (end of chain, RETURN, goto).</summary>
        Returned,
    }

    public static IReadOnlyList<ChainHit> Evaluate(FirewallTable table, FirewallChain baseChain, FirewallQuestion question, ICollection<string> notes)
    {
        var evaluator = new ChainEvaluator(table, baseChain, question, notes);
        if (evaluator.Walk(baseChain, 0, [], []) == Outcome.Returned && baseChain.PolicyDrops)
        {
            evaluator._hits.Add(new ChainHit(table, baseChain, baseChain, null, FirewallVerdict.Drop, [], [.. evaluator._mayPass], []));
        }

        return [.. evaluator._hits.DistinctBy(h => (h.Chain.Name, h.Rule?.Position))];
    }

    private Outcome Walk(FirewallChain chain, int depth, IReadOnlyList<string> path, IReadOnlyList<string> pathConditions)
    {
        foreach (var rule in chain.Rules)
        {
            if (rule.Match(_question, out var undecided) == RuleMatch.Never)
            {
                continue;
            }

            var sure = undecided.Count == 0;
            IReadOnlyList<string> conditions = [.. pathConditions, .. undecided];
            switch (rule.Action)
            {
                case RuleAction.Accept when sure:
                    return Outcome.Decided;
                case RuleAction.Accept:
                    _mayPass.Add(rule.Text);
                    break;
                case RuleAction.Drop or RuleAction.Reject:
                    var verdict = rule.Action == RuleAction.Drop ? FirewallVerdict.Drop : FirewallVerdict.Reject;
                    _hits.Add(new ChainHit(_table, _base, chain, rule, verdict, conditions, [.. _mayPass], path));
                    if (sure)
                    {
                        return Outcome.Decided;
                    }

                    break;
                case RuleAction.Return when sure:
                    return Outcome.Returned;
                case RuleAction.Return:
                    _mayPass.Add(rule.Text);
                    break;
                case RuleAction.Jump or RuleAction.Goto:
                    // After a goto the rest of this chain is skipped: the target's end is this chain's end.
                    var followed = Follow(rule, depth, path, conditions);
                    if (sure && (followed == Outcome.Decided || (followed is not null && rule.Action == RuleAction.Goto)))
                    {
                        return followed.Value;
                    }

                    break;
                case RuleAction.Unmodeled:
                    _notes.Add($"{_table.Describe()}, chain {chain.Name}: the rule `{rule.Text}` uses {rule.Target}, which PxeKit does not evaluate; later rules were evaluated as if it did not match.");
                    _mayPass.Add(rule.Text);
                    break;
            }
        }

        return Outcome.Returned;
    }

    /// <summary>Walks the target chain; null when it cannot be followed (then the jump may let the packet by).</summary>
    private Outcome? Follow(FirewallRule rule, int depth, IReadOnlyList<string> path, IReadOnlyList<string> conditions)
    {
        var target = rule.Target is null ? null : _table.Find(rule.Target);
        if (target is null || depth >= MaxDepth)
        {
            var why = target is null ? "the chain does not exist" : $"more than {MaxDepth} jumps deep";
            _notes.Add($"{_table.Describe()}, chain {_base.Name}: the jump `{rule.Text}` was not followed ({why}); a verdict there is not known.");
            _mayPass.Add(rule.Text);
            return null;
        }

        return Walk(target, depth + 1, [.. path, rule.Text], conditions);
    }
}
