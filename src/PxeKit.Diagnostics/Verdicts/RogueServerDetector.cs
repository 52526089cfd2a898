using System.Collections.Concurrent;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;

namespace PxeKit.Diagnostics.Verdicts;

/// <summary>
/// Another DHCP server answering on PxeKit's segment while PxeKit hands out addresses itself: two
/// servers race, and a machine boots from whichever offer it takes. Reported once per server, with
/// what it offered; and once per machine that took the other server's offer.
/// </summary>
public sealed class RogueServerDetector(IBootJournal journal, string interfaceName, TimeProvider? time = null) : IBootEventSink
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, bool> _servers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _machines = new(StringComparer.Ordinal);

    public void Write(BootEvent bootEvent)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        if (bootEvent is { Step: BootStep.WireDhcpReply, Server: { } server, Dhcp: { } reply } && _servers.TryAdd(server, true))
        {
            var boot = bootEvent.File is { } file ? $"boot file {file}" : "no boot file";
            Diagnose(Verdict.Of(
                FaultId.OtherDhcpServer,
                bootEvent.Mac ?? "",
                $"Another DHCP server, {server}, answers on {interfaceName}.",
                $"Its {reply.MessageType} gave {bootEvent.Address} ({boot}) to {bootEvent.Mac}. Two DHCP servers on one segment race, and each machine boots from whichever offer it takes.",
                $"Stop {server} from answering here, or, if it must stay, let it hand out the addresses and run PxeKit beside it with --proxy.",
                bootEvent));
        }
        else if (bootEvent is { Step: BootStep.DhcpIgnored, Mac: { } mac, Dhcp: { IgnoreReason: DhcpIgnoreReason.OtherServerChosen, ServerId: { } other } }
            && _machines.TryAdd(mac, true))
        {
            Diagnose(Verdict.Of(
                FaultId.TookOtherOffer,
                mac,
                $"{mac} took the offer of the other DHCP server {other}, not PxeKit's: it boots with what that server told it.",
                "",
                $"Stop {other} from answering here, or run PxeKit with --proxy beside it.",
                bootEvent));
        }
    }

    // Recorded from inside Write: the journal delivers it right after the event that caused it.
    private void Diagnose(Verdict verdict) => journal.Record(verdict.ToEvent(_time.GetUtcNow(), EvidenceSource.Capture));
}
