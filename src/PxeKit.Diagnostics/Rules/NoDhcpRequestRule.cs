using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// A machine whose console was watched (a lab boot) and from which no DHCP request reached the server's interface,
/// neither its socket nor the wire, over IPv4 or IPv6: the link itself, or a machine that never tries the network.
/// </summary>
public sealed class NoDhcpRequestRule : IFaultRule
{
    private bool _console;
    private bool _dhcp;
    private bool _marker;

    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        _console |= bootEvent.Source == EvidenceSource.Console;
        _dhcp |= EventKinds.IsDhcpRequest(bootEvent) || EventKinds.IsDhcp6Request(bootEvent);
        _marker |= bootEvent.Step == BootStep.Marker;
    }

    public void Finish(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_console && !_dhcp && !_marker && !context.Clients.Select(c => c.Key).Append("").Any(key => context.HasSaid(FaultId.HttpBootIpv6NotReady, key)))
        {
            context.Say(Verdict.Of(
                FaultId.NoDhcpRequest,
                "",
                "No DHCP request from the machine reached the server's interface, neither its socket nor the wire.",
                "",
                "check the link between them (cable, switch port, VLAN, bridge or tap) and that the machine tries the network at all"));
        }
    }
}
