using System.Net;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp6;

namespace PxeKit.Server.Dhcp6;

/// <summary>
/// How the DHCPv6 handlers report a client's steps: a request at once, a reply as an event handed to the listener,
/// which records it once the reply has left (an outcome is recorded when it is true).
/// </summary>
public sealed class Dhcp6Journal(IBootJournal journal, TimeProvider time)
{
    public void Request(Dhcp6Facts facts, string mac, string detail)
    {
        ArgumentNullException.ThrowIfNull(facts);
        journal.Record(Event(facts.MessageType == Dhcp6MessageType.Solicit ? BootStep.Dhcp6Solicit : BootStep.Dhcp6Request, facts, mac, detail));
    }

    public void Ignored(Dhcp6Facts? facts, string? mac, Dhcp6IgnoreReason reason, string detail, string interfaceName)
    {
        var typed = (facts ?? new Dhcp6Facts { MessageType = Dhcp6MessageType.None, Interface = interfaceName }) with { IgnoreReason = reason };
        journal.Record(Event(BootStep.Dhcp6Ignored, typed, mac, detail));
    }

    /// <summary>The event of a reply, for the listener to record when it has left.</summary>
    public BootEvent Reply(Dhcp6Facts request, Dhcp6MessageType type, string mac, string detail, IPAddress? address, string? bootUrl, string? profile, IPAddress server, Dhcp6StatusCode? status = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var step = type == Dhcp6MessageType.Advertise ? BootStep.Dhcp6Advertise : BootStep.Dhcp6Reply;
        return Event(step, request with { MessageType = type, Status = status }, mac, detail) with
        {
            Address = address?.ToString(),
            File = bootUrl,
            Profile = string.IsNullOrEmpty(profile) ? null : profile,
            Server = server.ToString(),
        };
    }

    /// <summary>Records a reply's event once it has left, or why it could not.</summary>
    public void Record(BootEvent bootEvent) => journal.Record(bootEvent);

    private BootEvent Event(BootStep step, Dhcp6Facts facts, string? mac, string detail) => new()
    {
        Time = time.GetUtcNow(),
        Step = step,
        Mac = mac,
        Dhcp6 = facts,
        Detail = detail,
    };
}
