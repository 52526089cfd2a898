using System.Collections.Concurrent;
using PxeKit.Core.Events;

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

        if (bootEvent.Step == BootStep.WireDhcp)
        {
            // The capture reports only PXE and HTTP Boot clients in this mode.
            _pxeClients[mac] = true;
        }
        else if (bootEvent is { Step: BootStep.WireDhcpReply, File: null, Server: { } server } && _pxeClients.ContainsKey(mac) && _diagnosed.TryAdd(mac, true))
        {
            var detail = $"{mac} asked for a network boot and got its address from {server} on {interfaceName} ({bootEvent.Detail.Replace(" seen on the wire", "", StringComparison.Ordinal)}), "
                + "with no boot information: no boot file, no next server. That server is not set up for network boot, and PxeKit does not answer DHCP here (--no-dhcp), "
                + "so the machine never learns what to boot. Fix: run PxeKit with --proxy instead of --no-dhcp: as proxyDHCP it adds the boot file beside that server's offer "
                + $"and hands out no addresses; or configure {server} with a next server and boot file.";
            var verdict = new BootEvent { Time = _time.GetUtcNow(), Step = BootStep.Diagnosis, Mac = mac, Detail = detail };
            _ = Task.Run(() => journal.Record(verdict));
        }
    }
}
