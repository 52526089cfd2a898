namespace PxeKit.Diagnostics.Firewall;

/// <summary>
/// A test whose answer does not depend on the question: <c>meta nfproto ipv6</c> or an <c>ip6 saddr</c> match
/// never matches the IPv4 packets PxeKit asks about; <c>meta nfproto ipv4</c> always does.
/// </summary>
internal sealed record FixedCondition(string Text, RuleMatch Answer) : RuleCondition(Text)
{
    public override RuleMatch Match(FirewallQuestion question) => Answer;

    /// <summary>PxeKit's clients are on the network, never on the loopback interface: <c>-i lo</c> / <c>iif "lo"</c> never matches them.</summary>
    public static FixedCondition Loopback(string text, bool negated) =>
        new(text, negated ? RuleMatch.Always : RuleMatch.Never);
}
