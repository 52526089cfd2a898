using PxeKit.Core.Processes;

namespace PxeKit.Diagnostics.Firewall;

/// <summary>
/// A rule, or a chain policy, that drops or rejects the traffic of <paramref name="Question"/>, with the two
/// ways out: <paramref name="RemoveCommand"/> deletes exactly that rule (for a policy: sets it to accept), and
/// <paramref name="OpenCommand"/> inserts an accept for the question's port at the top of the base chain, ahead
/// of it. Both run in the inspected network namespace when there is one.
/// </summary>
/// <param name="Table">iptables: <c>filter</c>, <c>raw</c>, ...; nft: family and name, <c>inet filter</c>.</param>
/// <param name="Chain">The chain holding the rule (a user chain when reached by a jump).</param>
/// <param name="BaseChain">The chain the packet enters at the hook (<c>INPUT</c>, <c>input</c>), where <paramref name="OpenCommand"/> inserts.</param>
/// <param name="Rule">As the tool prints it: the <c>-A</c> line of iptables-save, the rule of <c>nft -a list ruleset</c>, or the policy line.</param>
/// <param name="Position">iptables: the rule's number in its chain (1 first); nft: its handle; null for a policy.</param>
/// <param name="Certain">False when the rule has tests the question cannot decide (<paramref name="Conditions"/>) or an earlier rule may let the packet by (<paramref name="EarlierRules"/>).</param>
/// <param name="Explanation">One sentence for the user.</param>
public sealed record FirewallFinding(
    FirewallQuestion Question,
    FirewallTool Tool,
    string Table,
    string Chain,
    string BaseChain,
    string Rule,
    int? Position,
    FirewallVerdict Verdict,
    bool Certain,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<string> EarlierRules,
    Command RemoveCommand,
    Command OpenCommand,
    string Explanation)
{
    public bool IsPolicy => Position is null;
}
