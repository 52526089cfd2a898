using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// A machine that took another server's offer, not PxeKit's: only PxeKit's socket can tell, from a REQUEST naming
/// another server identifier. Said once per machine.
/// </summary>
public sealed class TookOtherOfferRule : IFaultRule
{
    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        if (bootEvent is { Source: EvidenceSource.Server, Step: BootStep.DhcpIgnored, Dhcp: { IgnoreReason: DhcpIgnoreReason.OtherServerChosen, ServerId: { } other } })
        {
            context.Say(Verdict.Of(
                FaultId.TookOtherOffer,
                client.Key,
                $"{client.Key} took the offer of the other DHCP server {other}, not PxeKit's: it boots with what that server told it.",
                "",
                $"stop {other} from answering here, or run PxeKit with --proxy beside it",
                bootEvent));
        }
    }
}
