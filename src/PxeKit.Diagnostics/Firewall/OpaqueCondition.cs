namespace PxeKit.Diagnostics.Firewall;

/// <summary>
/// A test the question cannot decide (addresses, interfaces, marks, rate limits, iptables extensions inside
/// nft): the rule may or may not match, and a finding behind it says so.
/// </summary>
internal sealed record OpaqueCondition(string Text) : RuleCondition(Text)
{
    public override RuleMatch Match(FirewallQuestion question) => RuleMatch.Maybe;
}
