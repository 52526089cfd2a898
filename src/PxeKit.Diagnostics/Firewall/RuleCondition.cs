namespace PxeKit.Diagnostics.Firewall;

/// <summary>One test in a rule (<c>-p udp</c>, <c>--dport 67</c>, <c>ct state new</c>, <c>-s 10.0.0.0/8</c>).</summary>
/// <param name="Text">The condition as the tool spells it, quoted to the user when it decides the outcome.</param>
internal abstract record RuleCondition(string Text)
{
    public abstract RuleMatch Match(FirewallQuestion question);
}
