using System.Net.Sockets;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// PxeKit's DHCP replies cannot leave its host. Live (serve): the kernel refused to send a reply PxeKit decided on
/// (EPERM: the OUTPUT chain), and the firewall is read for the rule. From the host's inspection (doctor): a rule of its
/// firewall that drops UDP 67 to 68 out. An OFFER is NEW to conntrack (it goes to the broadcast or the offered
/// address), so an ESTABLISHED-only OUTPUT chain drops it.
/// </summary>
public sealed class DhcpRepliesBlockedRule : IFaultRule
{
    private const string Why = "A reply goes to the broadcast or the offered address, which matches no conntrack entry of the request's, so it is NEW, not ESTABLISHED.";

    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        if (bootEvent is { Step: BootStep.HostFirewall, Firewall: { Traffic: HostTraffic.DhcpOut, Drops: true } firewall })
        {
            context.Say(Verdict.Of(
                FaultId.DhcpRepliesBlocked,
                "",
                "DHCP requests would reach PxeKit, but this host's firewall drops its replies: clients ask, and never hear an answer.",
                $"{Why} {firewall.Rules}".TrimEnd(),
                Fix(firewall.Fix),
                bootEvent) with { Confidence = firewall.Certain ? Confidence.Certain : Confidence.Likely }, $"host {firewall.Forwarded}");
        }
        else if (bootEvent is { Step: BootStep.DhcpReplyDropped, Dhcp.ReplyFailure: DhcpReplyFailure.SendRefused, SocketError: SocketError.AccessDenied })
        {
            context.SayAfterInspecting(HostTraffic.DhcpOut, FaultId.DhcpRepliesBlocked, client.Key, client.Key, firewall => Verdict.Of(
                FaultId.DhcpRepliesBlocked,
                client.Key,
                $"PxeKit answered {client.Key}, and this host refused to send the {bootEvent.Dhcp!.MessageType} (the kernel said EPERM): its firewall drops DHCP replies.",
                $"{Why} {firewall.Seen}".TrimEnd(),
                Fix(firewall.Fix),
                bootEvent));
        }
    }

    private static string Fix(string firewallFix) =>
        firewallFix.Length > 0 ? firewallFix : "let UDP from port 67 to port 68 out of this host (iptables -I OUTPUT -p udp --sport 67 --dport 68 -j ACCEPT)";
}
