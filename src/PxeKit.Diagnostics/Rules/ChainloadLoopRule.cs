using System.Globalization;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;
using PxeKit.Diagnostics.Verdicts;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// Fault h, an iPXE chainload loop: the firmware loads iPXE, iPXE asks DHCP again and is given iPXE again, forever.
/// Seen as the same iPXE binary delivered to the same client twice in a row with a DHCP exchange between and nothing
/// else (no script, no kernel), or as the same iPXE binary delivered three times (a capture may miss the DHCP between).
/// The DHCP exchange matters for two: UEFI HTTP Boot firmware fetches its program twice in a row on its own. One iPXE
/// request answered with an iPXE binary is no loop by itself: an iPXE ROM chainloading a newer iPXE does exactly that.
/// </summary>
public sealed class ChainloadLoopRule : IFaultRule
{
    private sealed class Deliveries : IRuleState
    {
        public BootEvent? Last { get; set; }

        public bool AskedDhcpSince { get; set; }

        public Dictionary<string, int> Count { get; } = new(StringComparer.Ordinal);

        public void Clear()
        {
            Last = null;
            AskedDhcpSince = false;
            Count.Clear();
        }
    }

    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        if (bootEvent.Step is BootStep.DhcpDiscover or BootStep.DhcpRequest or BootStep.DhcpOffer or BootStep.DhcpAck)
        {
            // Read by a delivery only when another came before it: a client with no delivery yet keeps no state here.
            if (client.Find<Deliveries>() is { } delivered)
            {
                delivered.AskedDhcpSince = true;
            }

            return;
        }

        if (!EventKinds.IsDelivery(bootEvent))
        {
            return;
        }

        var deliveries = client.State<Deliveries>();
        var file = EventKinds.FileName(bootEvent.File!);
        var previous = deliveries.Last;
        bool askedDhcp = deliveries.AskedDhcpSince;
        deliveries.Last = bootEvent;
        deliveries.AskedDhcpSince = false;
        if (!IpxeBinaryNames.IsIpxe(file) || deliveries.Count.Count >= 16)
        {
            return;
        }

        int count = deliveries.Count[file] = deliveries.Count.GetValueOrDefault(file) + 1;
        bool twiceWithDhcp = askedDhcp && previous is not null && EventKinds.FileName(previous.File!) == file;
        if (!twiceWithDhcp && count < 3)
        {
            return;
        }

        previous ??= bootEvent;

        var apart = (bootEvent.Time - previous.Time).TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
        var how = twiceWithDhcp
            ? $"{client.Key} downloaded {file} twice in a row, {apart} s apart, with only a DHCP exchange between."
            : string.Create(CultureInfo.InvariantCulture, $"{client.Key} fetched {file} {count} times.");
        context.Say(Verdict.Of(
            FaultId.ChainloadLoop,
            client.Key,
            $"An iPXE chainload loop: {client.Key} is given {file}, iPXE itself, each time iPXE asks, and never boots anything else.",
            how + $" The firmware loads iPXE, iPXE asks DHCP again (it sends user class \"iPXE\", option 77) and is given {file} again instead of a script or a kernel.",
            "answer iPXE's own requests with something else. In PxeKit, boot kernels with 'kernel:' (PxeKit then gives iPXE a script by itself), "
                + "or put a profile matching user class iPXE before the one that sends iPXE; in dnsmasq, tag requests with dhcp-userclass=set:ipxe,iPXE and give that tag "
                + "its own dhcp-boot; in ISC dhcpd, test option user-class = \"iPXE\" and send a script filename there",
            previous, bootEvent));
    }
}
