using System.Net;
using PxeKit.Core.Events;

namespace PxeKit.Server.Dhcp;

/// <summary>How the DHCP handlers report a client's step: stamped, with the client's MAC and address.</summary>
public sealed class DhcpJournal(IBootJournal journal, TimeProvider time)
{
    public void Record(BootStep step, DhcpRequestContext context, string detail, IPAddress? address = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        journal.Record(new BootEvent
        {
            Time = time.GetUtcNow(),
            Step = step,
            Mac = context.Mac,
            Address = address?.ToString(),
            Detail = detail,
        });
    }
}
