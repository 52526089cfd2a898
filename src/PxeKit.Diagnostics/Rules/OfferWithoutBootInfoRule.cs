using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// Fault g: a machine that asked as a PXE or HTTP Boot client was given an address with no boot information, and no
/// server (no proxyDHCP either) told it what to boot within the grace period: it has an address and nothing to boot.
/// A reply that came through a relay is fault j instead (<see cref="RelaySkipsPxeKitRule"/>).
/// </summary>
public sealed class OfferWithoutBootInfoRule : IFaultRule
{
    internal sealed class Boot
    {
        public bool AskedToBoot { get; set; }

        public bool Told { get; set; }

        public BootEvent? Bootless { get; set; }
    }

    private readonly HashSet<ClientState> _waiting = [];

    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(client);
        var boot = client.State<Boot>();
        if (EventKinds.IsDhcpRequest(bootEvent) && bootEvent.Dhcp is { IsBootClient: true })
        {
            boot.AskedToBoot = true;
        }
        else if (EventKinds.HasBootInfo(bootEvent))
        {
            boot.Told = true;
        }
        else if (EventKinds.GivesAddress(bootEvent) && bootEvent.Dhcp is { RelayAddress: null } && boot.AskedToBoot && boot.Bootless is null)
        {
            boot.Bootless = bootEvent;
            _waiting.Add(client);
        }
    }

    public void Tick(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var client in _waiting.ToList())
        {
            if (client.State<Boot>().Bootless is { } offer && context.Now - offer.Time >= context.Options.ProxyGrace)
            {
                Decide(client, context);
            }
        }
    }

    public void Finish(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var client in _waiting.ToList())
        {
            Decide(client, context);
        }
    }

    private void Decide(ClientState client, RuleContext context)
    {
        _waiting.Remove(client);
        var boot = client.State<Boot>();
        if (boot.Told || boot.Bootless is not { } offer)
        {
            return;
        }

        var server = offer.Server ?? offer.Dhcp?.ServerId ?? "a DHCP server";
        context.Say(Verdict.Of(
            FaultId.OfferWithoutBootInfo,
            client.Key,
            $"{client.Key} asked for a network boot and got the address {offer.Address} from {server}, with no boot information, and no PXE server answered: it has an address and nothing to boot.",
            $"The {offer.Dhcp?.MessageType} from {server} names no boot file, no TFTP server and no PXE options, and no proxyDHCP offer came from anywhere.",
            context.Options.ServerAddress is not null && !context.Options.Sockets.HasFlag(PxeKitSockets.Dhcp)
                ? $"run PxeKit with --proxy instead of --no-dhcp: as proxyDHCP it adds the boot file beside the offer of {server} and hands out no addresses; or give {server} a boot file (option 67) and next server"
                : $"{server} is not set up for network boot: run a PXE server in proxy mode beside it (pxekit serve --proxy, which adds the boot file and hands out no addresses), "
                    + $"or give {server} a boot file (option 67) and next server",
            offer));
    }
}
