namespace PxeKit.Diagnostics.Firewall;

/// <summary>
/// <c>-p udp</c>, <c>meta l4proto { tcp, udp }</c>, <c>ip protocol udp</c>, or the protocol implied by
/// <c>udp dport 67</c>. Names or numbers (17, 6); an empty set with <paramref name="Negated"/> false never matches.
/// </summary>
internal sealed record ProtocolCondition(string Text, IReadOnlySet<string> Protocols, bool Negated) : RuleCondition(Text)
{
    public override RuleMatch Match(FirewallQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var (name, number) = question.Protocol == TransportProtocol.Udp ? ("udp", "17") : ("tcp", "6");
        var listed = Protocols.Contains(name) || Protocols.Contains(number) || Protocols.Contains("all") || Protocols.Contains("0");
        return listed != Negated ? RuleMatch.Always : RuleMatch.Never;
    }
}
