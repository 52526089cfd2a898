using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Rules;

/// <summary>
/// Another program holds a port PxeKit needs, from the host's inspection (doctor): PxeKit cannot bind it while that
/// program runs, or the program answers clients in PxeKit's place. Likely, not certain: each may be bound to its own
/// interface.
/// </summary>
public sealed class PortTakenRule : IFaultRule
{
    public void Observe(BootEvent bootEvent, ClientState client, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        ArgumentNullException.ThrowIfNull(context);
        if (bootEvent is not { Step: BootStep.HostPort, Port: { } port } || port.Holders.Where(h => !h.IsPxeKit).ToList() is not { Count: > 0 } others)
        {
            return;
        }

        var stop = string.Join("; ", others.Where(o => o.Pid is not null).Select(o => $"kill {o.Pid} (or systemctl stop the service that runs {o.Program})").Distinct());
        context.Say(Verdict.Of(
            FaultId.PortTaken,
            "",
            $"{port.Label} is held by {string.Join(", ", others)}: PxeKit cannot bind it on this interface while it runs, or that program answers clients instead of PxeKit.",
            "Both can serve only when each is bound to a different interface.",
            stop.Length > 0 ? $"stop it: {stop}" : "find the program with: ss -lunp; ss -ltnp",
            bootEvent) with { Confidence = Confidence.Likely }, port.Label);
    }
}
