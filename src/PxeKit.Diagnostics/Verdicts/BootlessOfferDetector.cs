using System.Collections.Concurrent;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;

namespace PxeKit.Diagnostics.Verdicts;

/// <summary>
/// Fault g: PxeKit serves files but not DHCP, and the network's DHCP server answers PXE clients with an address and
/// no boot information, so they never learn what to boot. Seen on the wire as an offer or ACK from another server
/// without a boot file to a machine that asked as a PXE client. Said once per machine, with the fix: proxy mode,
/// where PxeKit adds the boot file beside that server's offer.
/// </summary>
public sealed class BootlessOfferDetector(IBootJournal journal, string interfaceName, TimeProvider? time = null) : IBootEventSink
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, bool> _pxeClients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _diagnosed = new(StringComparer.Ordinal);

    public void Write(BootEvent bootEvent)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        if (bootEvent.Mac is not { } mac)
        {
            return;
        }

        if (bootEvent is { Step: BootStep.WireDhcp, Dhcp.IsBootClient: true })
        {
            _pxeClients[mac] = true;
        }
        else if (bootEvent is { Step: BootStep.WireDhcpReply, File: null, Server: { } server, Dhcp: { } reply } && _pxeClients.ContainsKey(mac) && _diagnosed.TryAdd(mac, true))
        {
            var verdict = Verdict.Of(
                FaultId.OfferWithoutBootInfo,
                mac,
                $"{mac} asked for a network boot and got its address from {server} on {interfaceName}, with no boot information: no boot file, no next server.",
                $"The {reply.MessageType} of {bootEvent.Address} from {server} names no boot file. That server is not set up for network boot, and PxeKit does not answer DHCP here (--no-dhcp), "
                    + "so the machine never learns what to boot.",
                $"run PxeKit with --proxy instead of --no-dhcp: as proxyDHCP it adds the boot file beside that server's offer and hands out no addresses; or configure {server} with a next server and boot file.",
                bootEvent);
            journal.Record(verdict.ToEvent(_time.GetUtcNow(), EvidenceSource.Capture));
        }
    }
}
