using System.Globalization;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// From the host's inspection (doctor), when PxeKit answers DHCPv6 and sends no router advertisements: no router
/// answered the doctor's solicitation, or none of those that did set the managed or other flag. PXE firmware (edk2's
/// IPv6 stack) starts DHCPv6 only after such an advertisement (RFC 4861 section 4.2; RFC 8415 section 18.2.1), so
/// no client would ever send PxeKit a Solicit. Certain when nobody answered with a flag: the doctor heard the segment.
/// </summary>
public sealed class Dhcp6NotAdvertisedRule : IFaultRule
{
    private const string Fix = "set router-advertisements: managed in PxeKit's configuration (it then advertises the interface's prefix with the managed and other flags), or set the managed flag on the segment's router (radvd: AdvManagedFlag on; AdvOtherConfigFlag on)";

    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(context);
        if (bootEvent is not { Step: BootStep.HostRouterAdvertisement, RouterAdvertisement: { } heard }
            || heard.Routers.Any(r => r.Managed || r.OtherConfiguration))
        {
            return;
        }

        var where = context.Options.Interface ?? "the interface";
        var seen = heard.Routers.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"No router answered a router solicitation on {where} within {heard.WaitedSeconds:0.#} s.")
            : $"Routers answered on {where} without the managed or other flag: {string.Join("; ", heard.Routers.Select(r => $"{r.Address} (prefix {r.Prefix ?? "none"})"))}.";
        context.Say(Verdict.Of(
            FaultId.Dhcp6NotAdvertised,
            "",
            $"PxeKit answers DHCPv6 on {where}, but no router advertisement there has the managed or other flag: PXE firmware will not run DHCPv6, so no IPv6 client will ask PxeKit.",
            seen,
            Fix,
            bootEvent), where);
    }
}
