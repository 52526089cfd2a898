namespace PxeKit.Diagnostics.Firewall;

/// <summary><c>-m state --state RELATED,ESTABLISHED</c>, <c>--ctstate NEW</c>, <c>ct state established,related</c>.</summary>
/// <param name="States">Upper-case conntrack states: NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED.</param>
internal sealed record StateCondition(string Text, IReadOnlySet<string> States, bool Negated) : RuleCondition(Text)
{
    public override RuleMatch Match(FirewallQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var state = question.State switch
        {
            ConnectionState.New => "NEW",
            ConnectionState.Established => "ESTABLISHED",
            _ => "UNTRACKED",
        };
        return States.Contains(state) != Negated ? RuleMatch.Always : RuleMatch.Never;
    }
}
