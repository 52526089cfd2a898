using System.Net.Sockets;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// PxeKit's DHCP replies cannot leave its host. Live (serve): the kernel refused to send a reply PxeKit decided on
/// (EPERM: the OUTPUT chain), and the firewall is read for the rule. From the host's inspection (doctor): a rule of its
/// firewall that drops UDP 67 to 68 out, or DHCPv6's 547 to 546. An OFFER is NEW to conntrack (it goes to the broadcast or the offered
/// address), so an ESTABLISHED-only OUTPUT chain drops it.
/// </summary>
public sealed class DhcpRepliesBlockedRule : IFaultRule
{
    private const string Why = "A reply goes to the broadcast or the offered address, which matches no conntrack entry of the request's, so it is NEW, not ESTABLISHED.";

    private const string Why6 = "A reply goes from port 547 to the client's link-local address, which matches no conntrack entry of its Solicit (sent to the multicast ff02::1:2), so it is NEW, not ESTABLISHED.";

    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        if (bootEvent is { Step: BootStep.HostFirewall, Firewall: { Traffic: HostTraffic.DhcpOut or HostTraffic.Dhcp6Out, Drops: true } firewall })
        {
            var v6 = firewall.Traffic == HostTraffic.Dhcp6Out;
            context.Say(Verdict.Of(
                FaultId.DhcpRepliesBlocked,
                "",
                v6
                    ? "DHCPv6 requests would reach PxeKit, but this host's firewall drops its replies: clients solicit, and never hear an advertise."
                    : "DHCP requests would reach PxeKit, but this host's firewall drops its replies: clients ask, and never hear an answer.",
                $"{(v6 ? Why6 : Why)} {firewall.Rules}".TrimEnd(),
                firewall.Fix.Length > 0 || !v6 ? Fix(firewall.Fix) : "let UDP from port 547 to port 546 out of this host (ip6tables -I OUTPUT -p udp --sport 547 --dport 546 -j ACCEPT)",
                bootEvent) with { Confidence = firewall.Certain ? Confidence.Certain : Confidence.Likely }, $"host {firewall.Forwarded} {firewall.Traffic}");
        }
        else if (bootEvent is { Step: BootStep.DhcpReplyDropped, Dhcp.ReplyFailure: DhcpReplyFailure.SendRefused, SocketError: SocketError.AccessDenied })
        {
            SayRefused(bootEvent, client, context);
        }
    }

    // A method of its own: the lambda captures the event and the client, and a capture of Observe's parameters would be a
    // closure made for every event.
    private static void SayRefused(BootEvent refused, ClientState client, RuleContext context) =>
        context.SayAfterInspecting(HostTraffic.DhcpOut, FaultId.DhcpRepliesBlocked, client.Key, client.Key, firewall => Verdict.Of(
            FaultId.DhcpRepliesBlocked,
            client.Key,
            $"PxeKit answered {client.Key}, and this host refused to send the {refused.Dhcp!.MessageType} (the kernel said EPERM): its firewall drops DHCP replies.",
            $"{Why} {firewall.Seen}".TrimEnd(),
            Fix(firewall.Fix),
            refused));

    private static string Fix(string firewallFix) =>
        firewallFix.Length > 0 ? firewallFix : "let UDP from port 67 to port 68 out of this host (iptables -I OUTPUT -p udp --sport 67 --dport 68 -j ACCEPT)";
}
