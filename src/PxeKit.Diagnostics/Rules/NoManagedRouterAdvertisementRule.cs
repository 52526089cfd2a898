using System.Globalization;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// A machine that kept soliciting IPv6 routers and never heard an advertisement with the managed flag, and got no
/// DHCPv6 answer either: firmware (iPXE, edk2) asks DHCPv6 for its address and boot file URL only once an advertisement
/// tells it to, and without one it has no route to an off-link boot server. Decided when the evidence is complete, from
/// two solicitations at least (hosts send three, four seconds apart). No advertisement at all and advertisements without
/// the flag are the same fault, told apart in the cause. From the host's inspection (doctor, when PxeKit answers DHCPv6 and
/// advertises nothing itself), the same fault for every machine: no router answered the doctor's solicitation with the flag.
/// </summary>
public sealed class NoManagedRouterAdvertisementRule : IFaultRule
{
    /// <summary>The fix when routers advertise without the managed flag.</summary>
    private const string Fix = "set the managed flag in the router's advertisements (radvd: AdvManagedFlag on; dnsmasq: enable-ra with a DHCPv6 range), "
        + "or, on a segment without a router, let PxeKit advertise: pxekit serve with router-advertisements: managed";

    /// <summary>The fix when no router advertises at all, heard by a capture or by the doctor's own solicitation.</summary>
    private const string FixWithoutRouter = "on a segment without an IPv6 router, let PxeKit advertise: pxekit serve with router-advertisements: managed (or radvd, or dnsmasq's enable-ra, with the managed flag). "
        + "If a router runs, its host's firewall may drop ICMPv6: ip6tables or an nft inet table must pass router solicitations and advertisements";

    private sealed class Discovery : IRuleState
    {
        public int Solicitations { get; set; }

        public BootEvent? First { get; set; }

        public BootEvent? Last { get; set; }

        public bool Managed { get; set; }

        public BootEvent? Unmanaged { get; set; }

        public bool Dhcp6Answered { get; set; }

        public void Clear()
        {
            Solicitations = 0;
            First = null;
            Last = null;
            Managed = false;
            Unmanaged = null;
            Dhcp6Answered = false;
        }
    }

    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        if (bootEvent is { Step: BootStep.HostRouterAdvertisement, RouterAdvertisement: { } heard })
        {
            SayOfHost(bootEvent, heard, context);
            return;
        }

        if (bootEvent.Step == BootStep.RouterSolicitation)
        {
            var discovery = client.State<Discovery>();
            discovery.Solicitations++;
            discovery.First ??= bootEvent;
            discovery.Last = bootEvent;
        }
        else if (bootEvent.Step is BootStep.RouterAdvertisement or BootStep.RouterSolicitationAnswered && bootEvent.Router is { } router)
        {
            var discovery = client.State<Discovery>();
            discovery.Managed |= router.Managed;
            discovery.Unmanaged ??= router.Managed ? null : bootEvent;
        }
        else if (EventKinds.IsDhcp6Reply(bootEvent))
        {
            client.State<Discovery>().Dhcp6Answered = true;
        }
    }

    public void Finish(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var client in context.Clients)
        {
            if (client.Find<Discovery>() is not { } discovery || discovery.Managed || discovery.Dhcp6Answered || discovery.Solicitations < 2)
            {
                continue;
            }

            var span = (discovery.Last!.Time - discovery.First!.Time).TotalSeconds;
            var solicited = string.Create(CultureInfo.InvariantCulture, $"{client.Key} sent {discovery.Solicitations} IPv6 router solicitations (ICMPv6 type 133) over {span:0.0} s");
            if (discovery.Unmanaged is { } unmanaged)
            {
                var prefixes = unmanaged.Router!.Prefixes.Count == 0 ? "no prefix" : "prefix " + string.Join(", ", unmanaged.Router.Prefixes);
                context.Say(Verdict.Of(
                    FaultId.NoManagedRouterAdvertisement,
                    client.Key,
                    "The IPv6 router advertisements here do not set the managed flag: the firmware never asks DHCPv6 for an address and a boot file URL.",
                    $"{solicited}; the advertisements from {unmanaged.Server ?? "the router"} set no managed flag ({prefixes}), and no DHCPv6 answer came.",
                    Fix,
                    discovery.First, unmanaged));
                continue;
            }

            context.Say(Verdict.Of(
                FaultId.NoManagedRouterAdvertisement,
                client.Key,
                "No IPv6 router advertisement answered: without one carrying the managed flag the firmware never asks DHCPv6, and it has no route to the boot server.",
                $"{solicited} and no router advertisement (ICMPv6 type 134) came from anywhere, nor any DHCPv6 answer.",
                FixWithoutRouter,
                discovery.First, discovery.Last));
        }
    }

    /// <summary>What the doctor heard after its own solicitation: the fault for every machine, said once per interface.</summary>
    private static void SayOfHost(BootEvent inspected, RouterAdvertisementFacts heard, RuleContext context)
    {
        if (heard.Routers.Any(r => r.Advertised.Managed))
        {
            return;
        }

        var where = context.Options.Interface ?? "the interface";
        var seen = heard.Routers.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"No router answered a router solicitation on {where} within {heard.WaitedSeconds:0.#} s.")
            : $"Routers answered on {where} without the managed flag: {string.Join("; ", heard.Routers.Select(r => $"{r.Address} (prefix {(r.Advertised.Prefixes.Count == 0 ? "none" : string.Join(", ", r.Advertised.Prefixes))})"))}.";
        context.Say(Verdict.Of(
            FaultId.NoManagedRouterAdvertisement,
            "",
            $"PxeKit answers DHCPv6 on {where}, but no router advertisement there has the managed flag: PXE firmware will not ask DHCPv6 and has no route to the server's prefix, so no IPv6 client will boot from PxeKit.",
            seen,
            heard.Routers.Count == 0 ? FixWithoutRouter : Fix,
            inspected), where);
    }
}
