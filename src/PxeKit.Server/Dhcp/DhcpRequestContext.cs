using System.Net;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Server.Dhcp;

/// <summary>A decoded request, where it came from, and the port it arrived on (67, or 4011 for boot-server requests).</summary>
public sealed record DhcpRequestContext(DhcpMessage Request, string Interface, IPEndPoint Source, int LocalPort = DhcpConstants.ServerPort)
{
    public string Mac => Request.ClientMac;

    /// <summary>
    /// What the reply must wait for before it leaves: for an ACK, its lease being durable. The
    /// listener goes on with other requests meanwhile, and drops the reply if the task faults.
    /// </summary>
    public Task ReplyAfter { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// The journal event of the reply the handler returned, recorded by the listener once the reply has left
    /// (or, with its reason, when it could not): an outcome is recorded when it is true.
    /// </summary>
    public BootEvent? PendingReply { get; set; }

    /// <summary>The request's typed fields, once read (its request step and its reply's event both carry them).</summary>
    internal DhcpFacts? RequestFacts { get; set; }

    public void HoldReplyUntil(Task durable)
    {
        ArgumentNullException.ThrowIfNull(durable);
        ReplyAfter = durable;
    }
}
