using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// From the host's inspection (doctor): a rule of its firewall drops ICMPv6 neighbour discovery (nothing over IPv6 then
/// reaches a neighbour: no DHCPv6 reply, no TFTP or HTTP over IPv6), or, when PxeKit sends router advertisements, the
/// solicitations in or its advertisements out (then firmware never learns to ask DHCPv6). Said once per kind.
/// </summary>
public sealed class Icmpv6BlockedRule : IFaultRule
{
    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(context);
        if (bootEvent is not { Step: BootStep.HostFirewall, Firewall: { Traffic: HostTraffic.NeighborDiscovery or HostTraffic.RouterDiscovery, Drops: true } firewall })
        {
            return;
        }

        var where = context.Options.Interface ?? "the interface";
        var cause = firewall.Traffic == HostTraffic.NeighborDiscovery
            ? $"This host's firewall drops ICMPv6 neighbour discovery on {where}: without it no IPv6 packet reaches a neighbour, so no DHCPv6 reply, TFTP or HTTP over IPv6 gets to a client."
            : $"This host's firewall drops router solicitations to PxeKit or its router advertisements on {where}: firmware that never hears an advertisement with the managed flag does not start DHCPv6.";
        var fix = firewall.Traffic == HostTraffic.NeighborDiscovery
            ? "let ICMPv6 types 135 and 136 in and out (ip6tables -I INPUT -p ipv6-icmp --icmpv6-type 135 -j ACCEPT, and 136; the same in OUTPUT)"
            : "let ICMPv6 type 133 in and 134 out (ip6tables -I INPUT -p ipv6-icmp --icmpv6-type 133 -j ACCEPT; ip6tables -I OUTPUT -p ipv6-icmp --icmpv6-type 134 -j ACCEPT)";
        context.Say(Verdict.Of(
            FaultId.Icmpv6DroppedOnHost,
            "",
            cause,
            $"Conntrack does not track neighbour and router discovery, so an ESTABLISHED,RELATED accept does not let it by. {firewall.Rules}".TrimEnd(),
            firewall.Fix.Length > 0 ? firewall.Fix : fix,
            bootEvent) with { Confidence = firewall.Certain ? Confidence.Certain : Confidence.Likely }, $"host {firewall.Forwarded} {firewall.Traffic}");
    }
}
