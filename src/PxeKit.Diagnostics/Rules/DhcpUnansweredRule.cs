using System.Globalization;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// A client that kept sending DISCOVERs that no server answered. Decided when the evidence is complete: one DISCOVER
/// may be the capture's last packet, so two are needed. Where PxeKit's socket showed that its host drops them, that
/// verdict (<see cref="DroppedOnHostRule"/>) says more and this one stays silent.
/// </summary>
public sealed class DhcpUnansweredRule : IFaultRule
{
    private sealed class Discovers
    {
        public Dictionary<EvidenceSource, int> BySource { get; } = [];

        public BootEvent? First { get; set; }

        public BootEvent? Last { get; set; }

        public bool Answered { get; set; }
    }

    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(client);
        var discovers = client.State<Discovers>();
        if (EventKinds.IsDhcpReply(bootEvent))
        {
            discovers.Answered = true;
        }
        else if (EventKinds.IsDhcpRequest(bootEvent) && bootEvent.Dhcp?.MessageType == DhcpMessageType.Discover && bootEvent.Step != BootStep.DhcpIgnored)
        {
            // The socket and the capture beside it see the same DISCOVER: count each source apart.
            discovers.BySource[bootEvent.Source] = discovers.BySource.GetValueOrDefault(bootEvent.Source) + 1;
            discovers.First ??= bootEvent;
            discovers.Last = bootEvent;
        }
    }

    public void Finish(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var client in context.Clients)
        {
            var discovers = client.State<Discovers>();
            int count = discovers.BySource.Count == 0 ? 0 : discovers.BySource.Values.Max();
            if (discovers.Answered || count < 2 || context.HasSaid(FaultId.DhcpDroppedOnHost, client.Key))
            {
                continue;
            }

            var span = (discovers.Last!.Time - discovers.First!.Time).TotalSeconds;
            context.Say(Verdict.Of(
                FaultId.DhcpUnanswered,
                client.Key,
                "No DHCP server answered.",
                string.Create(CultureInfo.InvariantCulture, $"{client.Key} sent {count} DISCOVERs over {span:0.0} s and no OFFER came from any server."),
                "start a DHCP server (or pxekit serve) on this segment. If one runs, its host's firewall may drop UDP 67 (pxekit doctor names the rule), "
                    + "or, when the server is behind a router, the router needs a DHCP relay pointing at it",
                discovers.First, discovers.Last));
        }
    }
}
