using System.Net;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Server.Dhcp;

/// <summary>
/// How the DHCP handlers report a client's steps: stamped, with the client's MAC, address and the typed
/// fields of the message. A step about a request is recorded at once; a reply is handed to the listener
/// with its context and recorded when it has left (<see cref="PendingDhcpReply"/>).
/// </summary>
public sealed class DhcpJournal(IBootJournal journal, TimeProvider time)
{
    /// <summary>A step about the request itself: it arrived, and what it asked.</summary>
    /// <param name="detail">The sentence; null leaves it to <see cref="EventText"/>, said from the facts when it is read.</param>
    public void Request(BootStep step, DhcpRequestContext context, string? detail = null, IPAddress? address = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        journal.Record(Event(step, context, FactsOf(context), detail, address));
    }

    /// <summary>A request PxeKit leaves unanswered, and why.</summary>
    /// <param name="claimedBy">For <see cref="DhcpIgnoreReason.AddressInUse"/>: the MAC that answered the probe.</param>
    public void Ignored(DhcpRequestContext context, DhcpIgnoreReason reason, string detail, IPAddress? address = null, string? claimedBy = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        journal.Record(Event(BootStep.DhcpIgnored, context, FactsOf(context) with { IgnoreReason = reason, ClaimedBy = claimedBy }, detail, address));
    }

    /// <summary>
    /// A reply the handler decided on: the listener records it when it leaves, or records why it could not
    /// (<see cref="DhcpRequestContext.PendingReply"/>).
    /// </summary>
    /// <param name="detail">The sentence; null leaves it to <see cref="EventText"/>, said from the facts when it is read.</param>
    public static void Reply(BootStep step, DhcpRequestContext context, DhcpMessage reply, string? detail, IPAddress? address = null, DhcpIgnoreReason? nakReason = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(reply);
        var facts = DhcpFacts.OfReply(reply, FactsOf(context), context.LocalPort, nakReason);
        context.PendingReply = new PendingDhcpReply(
            step, context.Mac, facts, detail, address?.ToString(), facts.ServerId, DhcpFacts.BootFileOf(reply), string.IsNullOrEmpty(context.Profile) ? null : context.Profile);
    }

    /// <summary>The typed fields of the request behind <paramref name="context"/>, read once per request.</summary>
    public static DhcpFacts FactsOf(DhcpRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestFacts ??= DhcpFacts.Of(context.Request, context.LocalPort);
    }

    private BootEvent Event(BootStep step, DhcpRequestContext context, DhcpFacts facts, string? detail, IPAddress? address) => new()
    {
        Time = time.GetUtcNow(),
        Step = step,
        Mac = context.Mac,
        Address = address?.ToString(),
        Dhcp = facts,
        Detail = detail,
    };
}
