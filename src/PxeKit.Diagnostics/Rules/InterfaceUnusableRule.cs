using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// The interface PxeKit serves cannot carry a boot, from the host's inspection (doctor): none named, none of that name,
/// down, without a link, or without an IPv4 address: nothing reaches PxeKit. An MTU below 1280 is likely to matter:
/// firmware that asks for 1468-byte TFTP blocks falls back or fails.
/// </summary>
public sealed class InterfaceUnusableRule : IFaultRule
{
    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(context);
        if (bootEvent is not { Step: BootStep.HostInterface, Interface: { } nic })
        {
            return;
        }

        var name = nic.Name;
        var (cause, fix) = nic switch
        {
            { Name: null } => ($"No interface to examine: name the one your PXE clients are on (this host has {string.Join(", ", nic.Known)}).", "pxekit doctor --interface IF"),
            { Exists: false } => ($"There is no interface {name} here (this host has {string.Join(", ", nic.Known)}).", "name one of those interfaces (--interface IF)"),
            { Up: false } => ($"{name} is down (administratively): nothing reaches PxeKit on it.", $"ip link set {name} up"),
            { OperState: "down" or "lowerlayerdown" } => ($"{name} is up but has no link (operstate {nic.OperState}): no cable, switch port or bridge member carries frames to it.",
                "check the cable or switch port; for a bridge, that a port is attached and up"),
            _ => ((string?)null, (string?)null),
        };
        if (cause is not null)
        {
            context.Say(Verdict.Of(FaultId.InterfaceUnusable, "", cause, "", fix!, bootEvent), "link");
        }

        if (nic is { Exists: true, Ipv4.Count: 0 })
        {
            context.Say(Verdict.Of(FaultId.InterfaceUnusable, "", $"{name} has no IPv4 address: a DHCP server and TFTP need one on the clients' network.", "",
                $"ip addr add 192.168.x.y/24 dev {name} (an address of that network)", bootEvent), "address");
        }

        if (nic is { Exists: true, Mtu: < 1280 and var mtu })
        {
            context.Say(Verdict.Of(FaultId.InterfaceUnusable, "", $"{name} has an MTU of {mtu}: firmware that asks for a TFTP block size of 1468 will fall back or fail.", "",
                $"ip link set {name} mtu 1500", bootEvent) with { Confidence = Confidence.Likely }, "mtu");
        }
    }
}
