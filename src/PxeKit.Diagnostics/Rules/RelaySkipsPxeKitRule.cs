using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// Fault j: a DHCP relay forwards a network's requests to the DHCP server but not to the PXE server. Told two ways:
/// beside PxeKit's socket, the relay's copy to the other server crosses PxeKit's segment and no copy reaches the
/// socket within the grace period; in any capture, the client's offer came through the relay with no boot
/// information and no proxyDHCP offer came back through it.
/// </summary>
public sealed class RelaySkipsPxeKitRule : IFaultRule
{
    private sealed class Relayed : IRuleState
    {
        public BootEvent? Forwarded { get; set; }

        public DateTimeOffset SocketSaw { get; set; }

        public bool Told { get; set; }

        public BootEvent? Bootless { get; set; }

        public bool AskedToBoot { get; set; }

        public void Clear()
        {
            Forwarded = null;
            SocketSaw = default;
            Told = false;
            Bootless = null;
            AskedToBoot = false;
        }
    }

    private readonly HashSet<ClientState> _waiting = [];

    public bool Holds(ClientState client) => _waiting.Contains(client);

    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(client);
        var relayed = client.Find<Relayed>();
        if (bootEvent is { Step: BootStep.WireDhcpForwarded, Server: not null } && relayed?.Forwarded is null)
        {
            client.State<Relayed>().Forwarded = bootEvent;
            _waiting.Add(client);
        }
        else if (EventKinds.IsDhcpRequest(bootEvent))
        {
            relayed = client.State<Relayed>();
            relayed.AskedToBoot |= bootEvent.Dhcp?.IsBootClient == true;
            if (bootEvent.Source == EvidenceSource.Server)
            {
                relayed.SocketSaw = bootEvent.Time;
            }
        }
        else if (EventKinds.HasBootInfo(bootEvent))
        {
            client.State<Relayed>().Told = true;
        }
        else if (EventKinds.GivesAddress(bootEvent) && bootEvent.Dhcp is { RelayAddress: not null } && relayed is { AskedToBoot: true, Bootless: null })
        {
            relayed.Bootless = bootEvent;
            _waiting.Add(client);
        }
    }

    public void Tick(RuleContext context) => Decide(context, finished: false);

    public void Finish(RuleContext context) => Decide(context, finished: true);

    private void Decide(RuleContext context, bool finished)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_waiting.Count == 0)
        {
            // Every event ticks: nothing to copy.
            return;
        }

        var grace = context.Options.SocketGrace;
        foreach (var client in _waiting.ToList())
        {
            var relayed = client.State<Relayed>();
            if (relayed.Forwarded is { } forwarded && (finished || context.Now - forwarded.Time >= grace))
            {
                _waiting.Remove(client);
                if (relayed.SocketSaw < forwarded.Time - grace)
                {
                    Say(client, forwarded.Server!, forwarded, context);
                }
            }
            else if (relayed.Bootless is { } offer && (finished || context.Now - offer.Time >= context.Options.ProxyGrace))
            {
                _waiting.Remove(client);
                if (!relayed.Told && relayed.Forwarded is null)
                {
                    Say(client, offer.Server ?? offer.Dhcp?.ServerId ?? "the DHCP server", offer, context);
                }
            }
        }
    }

    private static void Say(ClientState client, string other, BootEvent seen, RuleContext context)
    {
        var pxe = context.Options.ServerAddress is { } address ? $"PxeKit ({address})" : "the PXE server";
        var relay = seen.Dhcp?.RelayAddress is { } giaddr ? $" {giaddr}" : "";
        context.Say(Verdict.Of(
            FaultId.RelaySkipsPxeKit,
            client.Key,
            $"A DHCP relay{relay} forwards the requests of {client.Key} to {other} only, never to the PXE server: the machine gets its address from {other} and never hears of a boot file.",
            seen.Step == BootStep.WireDhcpForwarded
                ? $"The capture saw {Verdicts.WireEvidence.Describe(seen)}, and no copy reached PxeKit's socket."
                : $"{other} offered {seen.Address} through the relay{relay} with no boot information, and no proxyDHCP offer came back through it.",
            context.Options.ServerAddress is { } own
                ? $"add {pxe} as one more destination on the relay{relay} (dhcrelay {other} {own}; on a router, ip helper-address {own} beside the one for {other})"
                : $"add {pxe} as one more destination on the relay{relay} (dhcrelay: one more server argument; on a router, one more ip helper-address)",
            seen), other);
    }
}
