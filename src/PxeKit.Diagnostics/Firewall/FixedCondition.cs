namespace PxeKit.Diagnostics.Firewall;

/// <summary>
/// A test whose answer does not depend on the question: <c>meta nfproto ipv6</c> or an <c>ip6 saddr</c> match
/// never matches the IPv4 packets PxeKit asks about; <c>meta nfproto ipv4</c> always does.
/// </summary>
internal sealed record FixedCondition(string Text, RuleMatch Answer) : RuleCondition(Text)
{
    public override RuleMatch Match(FirewallQuestion question) => Answer;
}
