namespace PxeKit.Diagnostics.Firewall;

/// <summary>
/// <c>-p udp</c>, <c>meta l4proto { tcp, udp }</c>, <c>ip protocol udp</c>, or the protocol implied by
/// <c>udp dport 67</c>. Names or numbers (17, 6, 58 for ICMPv6); an empty set with <paramref name="Negated"/> false never matches.
/// </summary>
internal sealed record ProtocolCondition(string Text, IReadOnlySet<string> Protocols, bool Negated) : RuleCondition(Text)
{
    public override RuleMatch Match(FirewallQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        string[] names = question.Protocol switch
        {
            TransportProtocol.Udp => ["udp", "17"],
            TransportProtocol.Tcp => ["tcp", "6"],
            _ => ["ipv6-icmp", "icmpv6", "icmp6", "58"],
        };
        var listed = names.Any(Protocols.Contains) || Protocols.Contains("all") || Protocols.Contains("0");
        return listed != Negated ? RuleMatch.Always : RuleMatch.Never;
    }
}
