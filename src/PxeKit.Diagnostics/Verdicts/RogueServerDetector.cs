using System.Collections.Concurrent;
using PxeKit.Core.Events;

namespace PxeKit.Diagnostics.Verdicts;

/// <summary>
/// Another DHCP server answering on PxeKit's segment while PxeKit hands out addresses itself: two
/// servers race, and a machine boots from whichever offer it takes. Reported once per server, with
/// what it offered; and once per machine that took the other server's offer.
/// </summary>
public sealed class RogueServerDetector(IBootJournal journal, string interfaceName, TimeProvider? time = null) : IBootEventSink
{
    private const string ChoseMarker = "chose the offer of server ";
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, bool> _servers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _machines = new(StringComparer.Ordinal);

    public void Write(BootEvent bootEvent)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        if (bootEvent is { Step: BootStep.WireDhcpReply, Server: { } server } && _servers.TryAdd(server, true))
        {
            Diagnose(bootEvent.Mac, $"Another DHCP server, {server}, answers on {interfaceName}: {Strip(bootEvent.Detail)} to {bootEvent.Mac}. "
                + "Two DHCP servers on one segment race, and each machine boots from whichever offer it takes. "
                + $"Stop {server} from answering here, or, if it must stay, let it hand out the addresses and run PxeKit beside it with --proxy.");
        }
        else if (bootEvent is { Step: BootStep.DhcpIgnored, Mac: { } mac } && bootEvent.Detail.Contains(ChoseMarker, StringComparison.Ordinal)
            && _machines.TryAdd(mac, true))
        {
            var other = bootEvent.Detail[(bootEvent.Detail.IndexOf(ChoseMarker, StringComparison.Ordinal) + ChoseMarker.Length)..];
            Diagnose(mac, $"{mac} took the offer of the other DHCP server {other}, not PxeKit's: it boots with what that server told it.");
        }
    }

    private static string Strip(string detail) => detail.Replace(" seen on the wire", "", StringComparison.Ordinal);

    // Recorded from another thread: sinks are called under the journal's lock, and this records into it.
    private void Diagnose(string? mac, string detail) =>
        _ = Task.Run(() => journal.Record(new BootEvent { Time = _time.GetUtcNow(), Step = BootStep.Diagnosis, Mac = mac, Detail = detail }));
}
