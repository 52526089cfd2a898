using System.Net;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Leases;

namespace PxeKit.Server.Dhcp;

/// <summary>A decoded request, where it came from, and the port it arrived on (67, or 4011 for boot-server requests).</summary>
public sealed record DhcpRequestContext(DhcpMessage Request, string Interface, IPEndPoint Source, int LocalPort = DhcpConstants.ServerPort)
{
    /// <summary>The client's MAC as text: every event of the request carries it, and the request formats it once.</summary>
    public string Mac => Request.ClientMac;

    private ClientKey? _client;

    /// <summary>Who the request's lease belongs to (option 61, else the MAC), worked out once for the request.</summary>
    public ClientKey Client => _client ??= ClientKey.Of(Mac, Request.GetOption(DhcpOptionCode.ClientIdentifier));

    private static readonly Task<bool> Send = Task.FromResult(true);

    /// <summary>
    /// What the reply must wait for before it leaves, and whether it leaves then: for an ACK, its lease
    /// being durable; for an OFFER, the check that nobody else uses its address. True: send it. False:
    /// it is withheld (whoever held it has said why). Faulted: dropped, as a lease that could not be
    /// stored. The listener goes on with other requests meanwhile.
    /// </summary>
    public Task<bool> ReplyAfter { get; private set; } = Send;

    /// <summary>
    /// The reply the handler returned, as its event will say it, recorded by the listener once the reply has left (or,
    /// with its reason, when it could not): an outcome is recorded when it is true.
    /// </summary>
    public PendingDhcpReply? PendingReply { get; set; }

    /// <summary>The profile the boot policy chose for this request, if it chose one: its reply's event carries it.</summary>
    public string? Profile { get; set; }

    /// <summary>The request's typed fields, once read (its request step and its reply's event both carry them).</summary>
    internal DhcpFacts? RequestFacts { get; set; }

    /// <summary>Holds the reply until <paramref name="durable"/> completes; if it faults, the reply is dropped.</summary>
    public void HoldReplyUntil(Task durable)
    {
        ArgumentNullException.ThrowIfNull(durable);
        HoldReplyUntil(durable.IsCompletedSuccessfully ? Send : SendAfter(durable));
    }

    /// <summary>
    /// Holds the reply until <paramref name="decision"/> says whether it may leave (false withholds it).
    /// Holds add up: the reply waits for each, and leaves only if none withholds it.
    /// </summary>
    public void HoldReplyUntil(Task<bool> decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ReplyAfter = ReplyAfter.IsCompletedSuccessfully && ReplyAfter.Result ? decision : Both(ReplyAfter, decision);
    }

    // Continuations that run where the task completes, not queued: a reply waits for nothing but its hold.
    private static Task<bool> SendAfter(Task durable) =>
        durable.ContinueWith(
            done =>
            {
                done.GetAwaiter().GetResult(); // a fault (the lease not stored) passes through as it was
                return true;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private static Task<bool> Both(Task<bool> first, Task<bool> second) =>
        Task.WhenAll(first, second).ContinueWith(
            _ => first.GetAwaiter().GetResult() & second.GetAwaiter().GetResult(),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
