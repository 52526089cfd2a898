using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// Fault f: two DHCP servers offer addresses to the same client; they race, and the client boots from whichever
/// offer it takes. PxeKit's own offers, others' replies seen beside its socket, and a capture's offers all count.
/// Said once the client's REQUEST shows whose offer it took, or the grace period after the second offer is over; once
/// per set of servers, about the first client they both answered.
/// </summary>
public sealed class OtherDhcpServerRule : IFaultRule
{
    private sealed class Offers : IRuleState
    {
        // Nearly every client hears one server: its offer is kept as it is, and the map is made when a second answers
        // (a map for every client was about 200 bytes of the diagnosis's state for each, at thousands a second).
        private KeyValuePair<string, BootEvent>? _only;
        private Dictionary<string, BootEvent>? _several;

        public int Count => _several?.Count ?? (_only is null ? 0 : 1);

        public string? Chosen { get; set; }

        public DateTimeOffset SecondAt { get; set; }

        /// <summary>Each server's first offer, in the order they came.</summary>
        public IEnumerable<KeyValuePair<string, BootEvent>> ByServer =>
            (IEnumerable<KeyValuePair<string, BootEvent>>?)_several ?? (_only is { } only ? [only] : []);

        public void Clear()
        {
            _only = null;
            _several = null;
            Chosen = null;
            SecondAt = default;
        }

        /// <summary>Keeps a server's first offer; false when that server had offered already.</summary>
        public bool TryAdd(string server, BootEvent offer)
        {
            if (_several is not null)
            {
                return _several.TryAdd(server, offer);
            }

            if (_only is not { } first)
            {
                _only = new(server, offer);
                return true;
            }

            if (string.Equals(first.Key, server, StringComparison.Ordinal))
            {
                return false;
            }

            _several = new(StringComparer.Ordinal) { [first.Key] = first.Value, [server] = offer };
            return true;
        }
    }

    private readonly HashSet<ClientState> _waiting = [];

    public bool Holds(ClientState client) => _waiting.Contains(client);

    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        if (bootEvent is { Step: BootStep.DhcpRequest or BootStep.DhcpIgnored, Dhcp: { MessageType: DhcpMessageType.Request, ServerId: { } chosen } })
        {
            // The REQUEST says whose offer the client took: the verdict can tell it now.
            var asking = client.State<Offers>();
            asking.Chosen = chosen;
            if (asking.Count >= 2)
            {
                Say(client, context);
            }

            return;
        }

        if (!EventKinds.GivesAddress(bootEvent) || bootEvent.Dhcp is not { MessageType: DhcpMessageType.Offer or DhcpMessageType.Ack } reply
            || (bootEvent.Server ?? reply.ServerId) is not { } server)
        {
            return;
        }

        var offers = client.State<Offers>();
        if (offers.Count >= 8)
        {
            return;
        }

        if (offers.TryAdd(server, bootEvent) && offers.Count == 2)
        {
            offers.SecondAt = bootEvent.Time;
            _waiting.Add(client);
        }
    }

    /// <summary>A client that took no offer within the grace is told of without it.</summary>
    public void Tick(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_waiting.Count == 0)
        {
            // Every event ticks: nothing to copy.
            return;
        }

        SayOverdue(context);
    }

    // A method of its own: its lambda captures the context, and a capture of Tick's parameter would be a closure made for
    // every event.
    private void SayOverdue(RuleContext context)
    {
        foreach (var client in _waiting.Where(c => context.Now - c.State<Offers>().SecondAt >= context.Options.ProxyGrace).ToList())
        {
            Say(client, context);
        }
    }

    public void Finish(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var client in _waiting.ToList())
        {
            Say(client, context);
        }
    }

    private void Say(ClientState client, RuleContext context)
    {
        _waiting.Remove(client);
        var offers = client.State<Offers>();
        var servers = offers.ByServer.Select(o => o.Key).Order(StringComparer.Ordinal).ToList();
        var each = string.Join("; ", offers.ByServer.Select(o =>
            $"{o.Key} offered {o.Value.Address} with {(EventKinds.HasBootInfo(o.Value) ? $"boot file {o.Value.File ?? "(PXE options)"}" : "no boot information")}"));
        var took = offers.Chosen is { } taken ? $" The client took the offer of {taken} (the server identifier in its REQUEST)." : "";
        context.Say(Verdict.Of(
            FaultId.OtherDhcpServer,
            client.Key,
            $"{servers.Count} DHCP servers answer {client.Key}: {string.Join(" and ", servers)}. Two DHCP servers on one segment race, and each machine boots from whichever offer it takes.",
            $"{each}.{took}",
            "keep one DHCP server on this segment: stop the other. If both must stay, let one hand out the addresses "
                + "and run the PXE server beside it in proxy mode (pxekit serve --proxy), which adds boot information without offering addresses",
            offers.ByServer.Select(o => o.Value)), string.Join(",", servers));
    }
}
