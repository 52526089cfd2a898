namespace PxeKit.Diagnostics.Firewall;

/// <summary>
/// Asks every question of every base chain on the hooks its direction passes. Every base chain on a hook must
/// let a packet by (an accept ends only its own chain), so each is walked on its own and every drop counts.
/// A question is asked of the tables that see its IP version (<see cref="FirewallTable.Sees"/>); <c>bridge</c>,
/// <c>netdev</c> and <c>arp</c> tables and ingress/egress hooks are named in a note, not evaluated.
/// </summary>
internal static class FirewallEvaluation
{
    private static readonly string[] IpFamilies = ["ip", "ip6", "inet"];

    public static IReadOnlyList<FirewallFinding> Evaluate(
        IReadOnlyList<FirewallTable> tables, IReadOnlyList<FirewallQuestion> questions, string? networkNamespace, ICollection<string> notes)
    {
        var findings = new List<FirewallFinding>();
        var evaluated = tables.Where(t => t.Family is null || IpFamilies.Contains(t.Family)).ToList();
        foreach (var question in questions)
        {
            foreach (var table in evaluated.Where(t => t.Sees(question.Family)))
            {
                foreach (var hook in FirewallHooks.For(question.Direction))
                {
                    foreach (var chain in table.Chains.Where(c => c.Hook == hook))
                    {
                        findings.AddRange(ChainEvaluator.Evaluate(table, chain, question, notes)
                            .Select(hit => FindingBuilder.Build(hit, question, networkNamespace)));
                    }
                }
            }
        }

        foreach (var table in tables.Where(t => t.Family is not null && !IpFamilies.Contains(t.Family)))
        {
            notes.Add($"{table.Describe()} is not evaluated ({table.Family}-family rules are outside this check).");
        }

        foreach (var table in evaluated.Where(t => questions.Any(q => t.Sees(q.Family))))
        {
            foreach (var chain in table.Chains.Where(c => c.Hook is "ingress" or "egress"))
            {
                notes.Add($"{table.Describe()}, chain {chain.Name} (hook {chain.Hook}) is not evaluated.");
            }
        }

        return findings;
    }
}
