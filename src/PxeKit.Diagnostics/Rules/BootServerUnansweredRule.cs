using System.Globalization;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// A client asking the boot server on UDP 4011 (UEFI firmware does after a proxyDHCP offer) and never answered: the
/// port is blocked on the PXE server's host, or its boot server is down. Decided when the evidence is complete; where
/// PxeKit's socket showed that its host drops them, that verdict says more and this one stays silent.
/// </summary>
public sealed class BootServerUnansweredRule : IFaultRule
{
    private const int BootServerPort = 4011;

    private sealed class Asked : IRuleState
    {
        public List<BootEvent> Requests { get; } = [];

        public HashSet<uint> Answered { get; } = [];

        public void Clear()
        {
            Requests.Clear();
            Answered.Clear();
        }
    }

    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(client);
        if (EventKinds.IsDhcpRequest(bootEvent) && bootEvent.Dhcp is { Port: BootServerPort } && bootEvent.Step != BootStep.DhcpIgnored
            && client.State<Asked>() is { Requests.Count: < 64 } asked)
        {
            asked.Requests.Add(bootEvent);
        }
        else if (EventKinds.IsDhcpReply(bootEvent) && bootEvent.Dhcp is { } reply && client.Find<Asked>() is { } asker && AskedFor(asker, reply.Xid))
        {
            // Only the answers to what it asked the boot server: a client that never did keeps no state here, and the
            // answers it keeps are no more than its requests.
            asker.Answered.Add(reply.Xid);
        }
    }

    public void Finish(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var client in context.Clients)
        {
            if (client.Find<Asked>() is not { } asked || asked.Requests.Count == 0 || asked.Requests.Any(r => asked.Answered.Contains(r.Dhcp!.Xid)) || context.HasSaid(FaultId.BootServerDroppedOnHost, client.Key))
            {
                continue;
            }

            var server = asked.Requests[0].Dhcp!.Destination ?? "the PXE server";
            int count = asked.Requests.Count;
            context.Say(Verdict.Of(
                FaultId.BootServerUnanswered,
                client.Key,
                "The boot server on UDP 4011 did not answer.",
                string.Create(CultureInfo.InvariantCulture,
                    $"{client.Key} sent {count} REQUEST{(count == 1 ? "" : "s")} to {server}:4011 for its boot file, as UEFI firmware does after a proxyDHCP offer, and none was answered."),
                $"open UDP 4011 on {server}'s host (pxekit doctor names the firewall rule that drops it), and check that the PXE server there "
                    + "runs its boot server on port 4011 (pxekit serve --proxy does)",
                asked.Requests[0]));
        }
    }

    private static bool AskedFor(Asked asked, uint xid)
    {
        foreach (var request in asked.Requests)
        {
            if (request.Dhcp!.Xid == xid)
            {
                return true;
            }
        }

        return false;
    }
}
