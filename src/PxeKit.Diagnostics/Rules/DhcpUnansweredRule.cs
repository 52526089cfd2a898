using System.Globalization;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;
using PxeKit.Protocol.Dhcp;
using PxeKit.Protocol.Dhcp6;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// A client that kept asking for an address and no server answered: DISCOVERs with no OFFER, or (its IPv6 form) DHCPv6
/// Solicits with no Advertise or Reply. Decided when the evidence is complete: one request may be the capture's last
/// packet, so two are needed. Where PxeKit's socket showed that its host drops them, that verdict
/// (<see cref="DroppedOnHostRule"/>) says more and this one stays silent. A client that was answered over IPv4 and
/// then sent Solicits is a firmware trying its next boot entry (PXE over IPv6 after PXE over IPv4 failed): its IPv4
/// boot is the one that failed and what ended it is the cause, so the IPv6 form is said only of a client no DHCPv4
/// server answered either.
/// </summary>
public sealed class DhcpUnansweredRule : IFaultRule
{
    private class Requests : IRuleState
    {
        private static readonly int Sources = Enum.GetValues<EvidenceSource>().Length;

        // By source, indexed by its value: an array where a dictionary made three objects for every client met.
        private readonly int[] _bySource = new int[Sources];

        public BootEvent? First { get; set; }

        public BootEvent? Last { get; set; }

        public bool Answered { get; set; }

        public int Count => _bySource.Max();

        public void Clear()
        {
            Array.Clear(_bySource);
            First = null;
            Last = null;
            Answered = false;
        }

        public void Add(BootEvent bootEvent)
        {
            // The socket and the capture beside it see the same request: count each source apart.
            _bySource[(int)bootEvent.Source]++;
            First ??= bootEvent;
            Last = bootEvent;
        }

        /// <summary>One request of <paramref name="source"/> counts no more (it was not for an answer); false when it had none.</summary>
        public bool Uncount(EvidenceSource source)
        {
            if (_bySource[(int)source] == 0)
            {
                return false;
            }

            _bySource[(int)source]--;
            return true;
        }
    }

    private sealed class Discovers : Requests;

    private sealed class Solicits : Requests;

    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(client);
        if (EventKinds.IsDhcpReply(bootEvent))
        {
            client.State<Discovers>().Answered = true;
        }
        else if (EventKinds.IsDhcpRequest(bootEvent) && bootEvent.Dhcp?.MessageType == DhcpMessageType.Discover && bootEvent.Step != BootStep.DhcpIgnored)
        {
            client.State<Discovers>().Add(bootEvent);
        }
        else if (EventKinds.IsDhcp6Reply(bootEvent))
        {
            client.State<Solicits>().Answered = true;
        }
        else if (EventKinds.IsDhcp6Request(bootEvent) && bootEvent.Dhcp6?.MessageType == Dhcp6MessageType.Solicit)
        {
            client.State<Solicits>().Add(bootEvent);
        }
        else if (bootEvent is { Step: BootStep.Dhcp6Ignored, Source: EvidenceSource.Server, Dhcp6.MessageType: Dhcp6MessageType.Solicit }
            && client.Find<Solicits>() is { } solicits)
        {
            // PxeKit chose not to answer that Solicit (boot-only mode without a profile for it, say): its journal says why.
            solicits.Uncount(EvidenceSource.Server);
        }
    }

    public void Finish(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var client in context.Clients)
        {
            if (context.HasSaid(FaultId.DhcpDroppedOnHost, client.Key))
            {
                continue;
            }

            var discovers = client.Find<Discovers>();
            var solicits = client.Find<Solicits>();
            if (discovers is { Answered: false, Count: >= 2 })
            {
                Say(context, client, discovers, "No DHCP server answered.", "DISCOVERs", "no OFFER",
                    "start a DHCP server (or pxekit serve) on this segment. If one runs, its host's firewall may drop UDP 67 (pxekit doctor names the rule), "
                        + "or, when the server is behind a router, the router needs a DHCP relay pointing at it");
            }
            else if (discovers?.Answered != true && solicits is { Answered: false, Count: >= 2 })
            {
                Say(context, client, solicits, "No DHCPv6 server answered.", "DHCPv6 Solicits to UDP 547", "no Advertise or Reply",
                    "start a DHCPv6 server (or pxekit serve with DHCPv6) on this segment. If one runs, its host's firewall may drop UDP 547 or its answers to "
                        + "UDP 546 (ip6tables or an nft inet table: pxekit doctor names the rule), or, when the server is behind a router, the router needs a "
                        + "DHCPv6 relay pointing at it");
            }
        }
    }

    /// <summary>The one verdict, in its IPv4 or IPv6 words: what the client sent, over how long, and that nothing came back.</summary>
    private static void Say(RuleContext context, ClientState client, Requests requests, string cause, string sent, string nothing, string fix)
    {
        var span = (requests.Last!.Time - requests.First!.Time).TotalSeconds;
        context.Say(Verdict.Of(
            FaultId.DhcpUnanswered,
            client.Key,
            cause,
            string.Create(CultureInfo.InvariantCulture, $"{client.Key} sent {requests.Count} {sent} over {span:0.0} s and {nothing} came from any server."),
            fix,
            requests.First,
            requests.Last));
    }
}
