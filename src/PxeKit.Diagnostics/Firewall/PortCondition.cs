namespace PxeKit.Diagnostics.Firewall;

/// <summary><c>--dport</c>, <c>--sports</c>, <c>udp dport { 67, 69 }</c>, <c>th sport 68</c>.</summary>
internal sealed record PortCondition(string Text, PortSet Ports, bool Destination) : RuleCondition(Text)
{
    public override RuleMatch Match(FirewallQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (question.Protocol == TransportProtocol.Icmpv6)
        {
            // ICMPv6 has no ports: a port test (th dport) never matches it.
            return RuleMatch.Never;
        }

        if (Destination)
        {
            return Ports.Match(question.Ports);
        }

        // A source port the question does not know may or may not be in the set.
        return question.SourcePort is { } source ? Ports.Match(PortRange.Single(source)) : RuleMatch.Maybe;
    }
}
