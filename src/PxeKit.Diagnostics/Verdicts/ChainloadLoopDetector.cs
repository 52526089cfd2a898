using System.Collections.Concurrent;
using PxeKit.Server.Journal;

namespace PxeKit.Diagnostics.Verdicts;

/// <summary>
/// An iPXE chainload loop: a client downloads iPXE, iPXE asks DHCP again and is given iPXE again, forever. Seen as
/// the same iPXE binary delivered to the same client twice in a row with nothing else (no script, no kernel) between.
/// Diagnosed once per client, right after the second delivery.
/// </summary>
public sealed class ChainloadLoopDetector(IBootJournal journal, TimeProvider? time = null) : IBootEventSink
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, BootEvent> _lastFile = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _diagnosed = new(StringComparer.Ordinal);

    public void Write(BootEvent bootEvent)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        if (bootEvent.Step is not (BootStep.TftpComplete or BootStep.HttpComplete) || bootEvent.Address is not { } client || bootEvent.File is not { } file)
        {
            return;
        }

        var previous = _lastFile.GetValueOrDefault(client);
        _lastFile[client] = bootEvent;
        if (previous?.File is { } before && Same(before, file) && IpxeBinaryNames.IsIpxe(file) && _diagnosed.TryAdd(client, true))
        {
            // Recorded after this event has reached every sink, so the verdict follows its evidence.
            var verdict = new BootEvent
            {
                Time = _time.GetUtcNow(),
                Step = BootStep.Diagnosis,
                Address = client,
                File = file,
                Detail = Explain(client, file, bootEvent.Time - previous.Time),
            };
            _ = Task.Run(() => journal.Record(verdict));
        }
    }

    /// <summary>The verdict's sentences, shared with verdicts read from a capture.</summary>
    public static string Explain(string client, string file, TimeSpan between) =>
        $"{client} downloaded {file} twice in a row, {between.TotalSeconds:0} s apart, with nothing between: an iPXE chainload loop. "
        + $"The firmware loads iPXE, iPXE asks DHCP again (it sends user class \"iPXE\", option 77) and is given {file} again instead of a script or a kernel. "
        + "Fix: answer iPXE's own requests with something else. In PxeKit, boot kernels with 'kernel:' (PxeKit then gives iPXE a script by itself), "
        + "or put a profile matching user class iPXE before the one that sends iPXE; in dnsmasq, tag requests with dhcp-userclass=set:ipxe,iPXE and give that tag "
        + "its own dhcp-boot; in ISC dhcpd, test option user-class = \"iPXE\" and send a script filename there.";

    private static bool Same(string a, string b) =>
        string.Equals(a.TrimStart('/'), b.TrimStart('/'), StringComparison.Ordinal);
}
