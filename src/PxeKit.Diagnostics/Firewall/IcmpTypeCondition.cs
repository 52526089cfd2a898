namespace PxeKit.Diagnostics.Firewall;

/// <summary>
/// <c>--icmpv6-type 135</c>, <c>icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert }</c>: matches ICMPv6 messages of
/// <paramref name="Types"/> (numbers); never any other protocol, since the test reads the ICMPv6 header.
/// </summary>
internal sealed record IcmpTypeCondition(string Text, IReadOnlySet<int> Types, bool Negated) : RuleCondition(Text)
{
    public override RuleMatch Match(FirewallQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (question.Protocol != TransportProtocol.Icmpv6)
        {
            return RuleMatch.Never;
        }

        return Types.Contains(question.Port) != Negated ? RuleMatch.Always : RuleMatch.Never;
    }
}
