using System.Collections.Concurrent;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;

namespace PxeKit.Diagnostics.Verdicts;

/// <summary>
/// An iPXE chainload loop: a client downloads iPXE, iPXE asks DHCP again and is given iPXE again, forever. Seen as
/// the same iPXE binary delivered to the same client twice in a row, with a DHCP exchange between and nothing else
/// (no script, no kernel). The DHCP exchange matters: UEFI HTTP Boot firmware fetches its program twice in a row on
/// its own. Diagnosed once per client, right after the second delivery.
/// </summary>
public sealed class ChainloadLoopDetector(IBootJournal journal, TimeProvider? time = null) : IBootEventSink
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, BootEvent> _lastFile = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _diagnosed = new(StringComparer.Ordinal);

    /// <summary>Clients (by address and by MAC) that asked DHCP since their last delivery.</summary>
    private readonly ConcurrentDictionary<string, bool> _askedDhcp = new(StringComparer.Ordinal);

    public void Write(BootEvent bootEvent)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        if (bootEvent.Step is BootStep.DhcpDiscover or BootStep.DhcpRequest or BootStep.DhcpOffer or BootStep.DhcpAck)
        {
            foreach (var key in new[] { bootEvent.Address, bootEvent.Mac }.OfType<string>())
            {
                _askedDhcp[key] = true;
            }

            return;
        }

        if (bootEvent.Step is not (BootStep.TftpComplete or BootStep.HttpComplete) || bootEvent.Address is not { } client || bootEvent.File is not { } file)
        {
            return;
        }

        bool askedDhcp = _askedDhcp.TryRemove(client, out _) | (bootEvent.Mac is { } mac && _askedDhcp.TryRemove(mac, out _));
        var previous = _lastFile.GetValueOrDefault(client);
        _lastFile[client] = bootEvent;
        if (askedDhcp && previous?.File is { } before && Same(before, file) && IpxeBinaryNames.IsIpxe(file) && _diagnosed.TryAdd(client, true))
        {
            // Recorded from inside Write: the journal delivers it right after this event, so the verdict follows its evidence.
            var verdict = Verdict.Of(
                FaultId.ChainloadLoop,
                bootEvent.Mac ?? client,
                $"{client} downloaded {file} twice in a row, {(bootEvent.Time - previous.Time).TotalSeconds:0} s apart, with only a DHCP exchange between: an iPXE chainload loop.",
                $"The firmware loads iPXE, iPXE asks DHCP again (it sends user class \"iPXE\", option 77) and is given {file} again instead of a script or a kernel.",
                "answer iPXE's own requests with something else. In PxeKit, boot kernels with 'kernel:' (PxeKit then gives iPXE a script by itself), "
                    + "or put a profile matching user class iPXE before the one that sends iPXE; in dnsmasq, tag requests with dhcp-userclass=set:ipxe,iPXE and give that tag "
                    + "its own dhcp-boot; in ISC dhcpd, test option user-class = \"iPXE\" and send a script filename there.",
                previous, bootEvent);
            journal.Record(verdict.ToEvent(_time.GetUtcNow(), EvidenceSource.Server) with { Address = client, File = file });
        }
    }

    private static bool Same(string a, string b) =>
        string.Equals(a.TrimStart('/'), b.TrimStart('/'), StringComparison.Ordinal);
}
