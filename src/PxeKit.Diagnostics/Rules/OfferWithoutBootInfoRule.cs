using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// Fault g: a machine that asked as a PXE or HTTP Boot client was given an address with no boot information, and no
/// server (no proxyDHCP either) told it what to boot within the grace period: it has an address and nothing to boot.
/// A reply that came through a relay is fault j instead (<see cref="RelaySkipsPxeKitRule"/>). Its IPv6 form: a client
/// that asked for a boot file URL (option 59 in its option request) was advertised an address with no URL, and no
/// Advertise or Reply from any server gave one.
/// </summary>
public sealed class OfferWithoutBootInfoRule : IFaultRule
{
    internal sealed class Boot : IRuleState
    {
        public bool AskedToBoot { get; set; }

        public bool Told { get; set; }

        public BootEvent? Bootless { get; set; }

        public bool AskedToBoot6 { get; set; }

        public bool Told6 { get; set; }

        public BootEvent? Bootless6 { get; set; }

        public DateTimeOffset? Since => Bootless?.Time ?? Bootless6?.Time;

        public void Clear()
        {
            AskedToBoot = false;
            Told = false;
            Bootless = null;
            AskedToBoot6 = false;
            Told6 = false;
            Bootless6 = null;
        }
    }

    private readonly HashSet<ClientState> _waiting = [];

    public bool Holds(ClientState client) => _waiting.Contains(client);

    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(client);
        var boot = client.Find<Boot>();
        if (EventKinds.IsDhcpRequest(bootEvent) && bootEvent.Dhcp is { IsBootClient: true })
        {
            client.State<Boot>().AskedToBoot = true;
        }
        else if (EventKinds.HasBootInfo(bootEvent))
        {
            client.State<Boot>().Told = true;
        }
        else if (EventKinds.GivesAddress(bootEvent) && bootEvent.Dhcp is { RelayAddress: null } && boot is { AskedToBoot: true, Bootless: null })
        {
            boot.Bootless = bootEvent;
            _waiting.Add(client);
        }
        else if (EventKinds.IsDhcp6Request(bootEvent) && bootEvent.Dhcp6 is { BootFileUrlRequested: true })
        {
            client.State<Boot>().AskedToBoot6 = true;
        }
        else if (EventKinds.IsDhcp6Reply(bootEvent) && bootEvent.File is not null)
        {
            client.State<Boot>().Told6 = true;
        }
        else if (EventKinds.IsDhcp6Reply(bootEvent) && bootEvent.Address is not null && boot is { AskedToBoot6: true, Bootless6: null })
        {
            boot.Bootless6 = bootEvent;
            _waiting.Add(client);
        }
    }

    public void Tick(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_waiting.Count == 0)
        {
            // Every event ticks: nothing to copy.
            return;
        }

        foreach (var client in _waiting.ToList())
        {
            if (client.State<Boot>().Since is { } since && context.Now - since >= context.Options.ProxyGrace)
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
        if (!boot.Told6 && boot.Bootless6 is { } advertise)
        {
            var from = advertise.Server ?? "a DHCPv6 server";
            context.Say(Verdict.Of(
                FaultId.OfferWithoutBootInfo,
                client.Key,
                $"{client.Key} asked for a network boot over IPv6 and got the address {advertise.Address} from {from}, with no boot file URL, and no other DHCPv6 server gave one: it has an address and nothing to boot.",
                $"Its DHCPv6 request asked for option 59 (boot file URL); the {advertise.Dhcp6?.MessageType} from {from} on UDP 546 carries none, and no Advertise or Reply from any server did.",
                $"{from} is not set up for network boot over IPv6: give it a boot file URL (DHCPv6 option 59, e.g. tftp://[server]/ipxe.efi), "
                    + "or run pxekit serve beside it with dhcp6 mode boot-only, which adds the boot file URL and hands out no addresses",
                advertise));
        }

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
