using PxeKit.Core.Events;

namespace PxeKit.Diagnostics.Firewall;

/// <summary>
/// A test that only packets of one IP version can pass: <c>meta nfproto ipv6</c>, or any match on an <c>ip</c> or
/// <c>ip6</c> header field in an nft <c>inet</c> table. A packet of the other version never matches; one of
/// <paramref name="Family"/> matches as <paramref name="WhenFamily"/> says (Maybe for an address the question cannot decide).
/// </summary>
internal sealed record FamilyCondition(string Text, IpFamily Family, RuleMatch WhenFamily) : RuleCondition(Text)
{
    public override RuleMatch Match(FirewallQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Family == Family ? WhenFamily : RuleMatch.Never;
    }
}
