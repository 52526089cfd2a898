using System.Net;
using Microsoft.Extensions.Logging;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;
using PxeKit.Server.Leases;

namespace PxeKit.Server.Dhcp;

/// <summary>
/// The full DHCP server (RFC 2131 section 4.3): hands out addresses from the scope's pool, keeps
/// leases, and adds the boot program that the policy chooses.
/// </summary>
public sealed partial class FullDhcpHandler : IDhcpHandler
{
    private readonly DhcpScopes _scopes;
    private readonly LeasePool _pool;
    private readonly IBootPolicy _policy;
    private readonly DhcpJournal _journal;
    private readonly ILogger _logger;
    private readonly IBootJournal _events;
    private readonly TimeProvider _time;
    private readonly OfferProbes? _probes;
    private bool _exhaustionReported;

    private readonly PeerServers? _peers;

    /// <param name="probes">Checks an address nobody holds before it is offered; null offers without checking.</param>
    /// <param name="peers">
    /// The servers sharing the lease database, which split new clients among them: a DISCOVER another live server owns is
    /// left to it. Null: this server answers every client.
    /// </param>
    public FullDhcpHandler(DhcpScopes scopes, LeasePool pool, IBootPolicy policy, IBootJournal journal, ILogger<FullDhcpHandler> logger, TimeProvider time, OfferProbes? probes = null, PeerServers? peers = null)
    {
        _peers = peers;
        _probes = probes;
        _scopes = scopes;
        _pool = pool;
        _policy = policy;
        _journal = new DhcpJournal(journal, time);
        _logger = logger;
        _events = journal;
        _time = time;
    }

    /// <summary>The reply, waiting here for the shared lease database when there is one (see <see cref="HandleAsync"/>).</summary>
    public DhcpMessage? Handle(DhcpRequestContext context)
    {
        var reply = HandleAsync(context);
        return reply.IsCompletedSuccessfully ? reply.Result : reply.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// The reply. A DISCOVER and a REQUEST on a shared lease store complete once the database has decided; the pool's lock
    /// is not held meanwhile, so the requests of many clients are in flight at once. On the server's own store every
    /// reply completes at once.
    /// </summary>
    public ValueTask<DhcpMessage?> HandleAsync(DhcpRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var scope = _scopes.For(context);
        if (scope is null)
        {
            _journal.Ignored(context, DhcpIgnoreReason.NoScope, $"{request.MessageType}: no scope serves {Describe(context)}");
            return new((DhcpMessage?)null);
        }

        if (request.MessageType == DhcpMessageType.Discover)
        {
            return DiscoverAsync(context, scope);
        }

        if (request.MessageType == DhcpMessageType.Request)
        {
            return RequestAsync(context, scope);
        }

        lock (_pool.Gate)
        {
            return new(request.MessageType switch
            {
                DhcpMessageType.Decline => Decline(context, scope),
                DhcpMessageType.Release => Release(context),
                DhcpMessageType.Inform => Inform(context, scope),
                _ => Ignore(context, DhcpIgnoreReason.NotForServer, $"message type {request.MessageType} is not for a server"),
            });
        }
    }

    private async ValueTask<DhcpMessage?> DiscoverAsync(DhcpRequestContext context, DhcpScope scope)
    {
        var request = context.Request;
        _journal.Request(BootStep.DhcpDiscover, context); // its sentence is said from the facts, when read
        var client = context.Client;
        if (_peers is { } peers && !peers.Answers(client, request.Seconds))
        {
            return Ignore(context, DhcpIgnoreReason.PeerAnswers, $"left to {peers.OwnerOf(client)}, the server of this client on the shared lease database");
        }

        var address = await _pool.OfferAsync(scope, client, context.Mac, request.RequestedAddress).ConfigureAwait(false);
        lock (_pool.Gate)
        {
            if (address is null)
            {
                if (!_exhaustionReported)
                {
                    _exhaustionReported = true;
                    Log.PoolExhausted(_logger, scope.Interface, scope.RangeStart, scope.RangeEnd);
                }

                return Ignore(context, DhcpIgnoreReason.PoolExhausted, $"no free address in {scope.RangeStart}-{scope.RangeEnd}");
            }

            var reply = Lease(context, scope, DhcpMessageType.Offer, address);
            DhcpJournal.Reply(BootStep.DhcpOffer, context, reply, detail: null, address);
            HoldForProbe(context, scope, address);
            return reply;
        }
    }

    /// <summary>
    /// RFC 2131 section 4.3.2. SELECTING (option 54 names this server) and RENEWING or REBINDING
    /// (<c>ciaddr</c> set) are this server's own lease business: ACK, or NAK when the pool refuses.
    /// INIT-REBOOT (option 50, no option 54, no <c>ciaddr</c>) is answered only for a client this server
    /// knows; a wrong network is NAKed only by an authoritative scope.
    /// </summary>
    private async ValueTask<DhcpMessage?> RequestAsync(DhcpRequestContext context, DhcpScope scope)
    {
        var request = context.Request;
        IPAddress wanted;
        lock (_pool.Gate)
        {
            var serverId = request.ServerIdentifier;
            if (serverId is not null && !serverId.Equals(scope.ServerAddress))
            {
                return Ignore(context, DhcpIgnoreReason.OtherServerChosen, $"the client chose the offer of server {serverId}");
            }

            if ((request.RequestedAddress ?? NonZero(request.ClientAddress)) is not { } asked)
            {
                return Ignore(context, DhcpIgnoreReason.NoAddressRequested, "REQUEST names no address (no option 50, no ciaddr)");
            }

            wanted = asked;
            bool initReboot = serverId is null && request.ClientAddress.Equals(IPAddress.Any);
            if (initReboot && SilentInitReboot(context, scope, wanted) is { } silence)
            {
                return Ignore(context, silence.Reason, silence.Why, wanted);
            }

            _journal.Request(BootStep.DhcpRequest, context, detail: null, wanted);
            if (!scope.OnSubnet(wanted))
            {
                return Nak(context, scope, DhcpIgnoreReason.WrongSubnet, $"{wanted} is not on the subnet of {scope.Interface}");
            }
        }

        var commit = await _pool.CommitAsync(scope, context.Client, context.Mac, wanted, request.HostName).ConfigureAwait(false);
        lock (_pool.Gate)
        {
            if (commit.Lease is not { } lease)
            {
                return Nak(context, scope, DhcpIgnoreReason.AddressRefused, commit.Refusal ?? "refused");
            }

            var reply = Lease(context, scope, DhcpMessageType.Ack, wanted);
            reply.ClientAddress = request.ClientAddress;
            DhcpJournal.Reply(BootStep.DhcpAck, context, reply, $"ack {wanted} until {lease.Expires:HH:mm:ss}{DescribeBoot(reply)}", wanted);
            context.HoldReplyUntil(AfterCommit(commit, context, reply));
            return reply;
        }
    }

    /// <summary>
    /// Why this server stays silent to a client in INIT-REBOOT: it does not know the client (RFC 2131
    /// section 4.3.2: MUST remain silent), or the address is on another network and the scope is not
    /// authoritative. Null: answer it (an authoritative scope NAKs a wrong network).
    /// </summary>
    private (DhcpIgnoreReason Reason, string Why)? SilentInitReboot(DhcpRequestContext context, DhcpScope scope, IPAddress wanted)
    {
        if (!scope.OnSubnet(wanted))
        {
            return scope.Authoritative
                ? null
                : (DhcpIgnoreReason.NotAuthoritative, $"init-reboot for {wanted}, not on the subnet of {scope.Interface}: the scope is not authoritative, so no NAK");
        }

        return _pool.Knows(scope, context.Client, context.Mac)
            ? null
            : (DhcpIgnoreReason.NoRecordOfClient, $"init-reboot for {wanted} from a client this server has no record of: silent (RFC 2131 4.3.2)");
    }

    private DhcpMessage? Inform(DhcpRequestContext context, DhcpScope scope)
    {
        var request = context.Request;
        _journal.Request(BootStep.DhcpInform, context, $"inform from {request.ClientAddress}", request.ClientAddress);
        var reply = DhcpReplyFactory.Create(request, DhcpMessageType.Ack, scope.ServerAddress);
        reply.ClientAddress = request.ClientAddress;
        AddNetworkOptions(request, reply, scope);
        AddBoot(context, reply, scope);
        DhcpReplyFactory.EchoRelayInformation(request, reply);
        DhcpJournal.Reply(BootStep.DhcpAck, context, reply, $"ack (inform) {request.ClientAddress}{DescribeBoot(reply)}", request.ClientAddress);
        return reply;
    }

    /// <summary>
    /// RFC 2131 section 4.3.3: the client found the address in use. Honoured only from the MAC that holds
    /// (or was offered) an address of the range, naming this server; any other DECLINE changes nothing. The
    /// holder is the client as the lease is keyed (option 61, else the MAC).
    /// </summary>
    private DhcpMessage? Decline(DhcpRequestContext context, DhcpScope scope)
    {
        var request = context.Request;
        var address = request.RequestedAddress;
        if (address is null)
        {
            return Ignore(context, DhcpIgnoreReason.NoAddressRequested, "DECLINE names no address (no option 50)");
        }

        if (request.ServerIdentifier is not { } serverId || !serverId.Equals(scope.ServerAddress))
        {
            var named = request.ServerIdentifier is { } other ? $"names server {other}" : "names no server (no option 54)";
            return Ignore(context, DhcpIgnoreReason.DeclineNotThisServer, $"DECLINE of {address} {named}: ignored", address);
        }

        if (_pool.Decline(scope, context.Client, context.Mac, address) is { } refused)
        {
            var why = refused == DhcpIgnoreReason.DeclineOutsideRange
                ? $"{address} is outside the range {scope.RangeStart}-{scope.RangeEnd}"
                : $"{context.Client} neither holds nor was offered {address}";
            return Ignore(context, refused, $"DECLINE of {address} ignored: {why}", address);
        }

        _journal.Request(BootStep.DhcpDecline, context, $"declined {address} (in use by another host)", address);
        return null;
    }

    /// <summary>RFC 2131 section 4.3.4: the client gives its address back. From any other client it changes nothing.</summary>
    private DhcpMessage? Release(DhcpRequestContext context)
    {
        var address = context.Request.ClientAddress;
        var client = context.Client;
        if (!_pool.Release(client, context.Mac, address))
        {
            return Ignore(context, DhcpIgnoreReason.NotLeaseHolder, $"RELEASE of {address} ignored: {client} does not hold it", address);
        }

        _journal.Request(BootStep.DhcpRelease, context, $"released {address}", address);
        return null;
    }

    private DhcpMessage Nak(DhcpRequestContext context, DhcpScope scope, DhcpIgnoreReason why, string reason)
    {
        var reply = DhcpReplyFactory.Create(context.Request, DhcpMessageType.Nak, scope.ServerAddress);
        reply.SetString(DhcpOptionCode.Message, reason);
        DhcpReplyFactory.EchoRelayInformation(context.Request, reply);
        DhcpJournal.Reply(BootStep.DhcpNak, context, reply, $"nak: {reason}", nakReason: why);
        return reply;
    }

    private DhcpMessage Lease(DhcpRequestContext context, DhcpScope scope, DhcpMessageType type, IPAddress address)
    {
        var request = context.Request;
        var reply = DhcpReplyFactory.Create(request, type, scope.ServerAddress);
        reply.YourAddress = address;
        SetLeaseTime(reply, scope.LeaseTime);
        AddNetworkOptions(request, reply, scope);
        if (scope.ReservationFor(request.ClientMac)?.HostName is { } hostName)
        {
            reply.SetString(DhcpOptionCode.HostName, hostName);
        }

        AddBoot(context, reply, scope);
        DhcpReplyFactory.EchoRelayInformation(request, reply);
        return reply;
    }

    /// <summary>Options 51, 58 and 59: the lease time (whole seconds, rounded down), T1 at half of it, T2 at seven eighths.</summary>
    private static void SetLeaseTime(DhcpMessage reply, TimeSpan time)
    {
        uint seconds = (uint)Math.Clamp(Math.Floor(time.TotalSeconds), 0, uint.MaxValue - 1);
        reply.SetUInt32(DhcpOptionCode.LeaseTime, seconds);
        reply.SetUInt32(DhcpOptionCode.RenewalTime, seconds / 2);
        reply.SetUInt32(DhcpOptionCode.RebindingTime, seconds / 8 * 7);
    }

    private static void AddNetworkOptions(DhcpMessage request, DhcpMessage reply, DhcpScope scope)
    {
        reply.SetAddress(DhcpOptionCode.SubnetMask, scope.SubnetMask);
        if (scope.Router is not null)
        {
            reply.SetAddress(DhcpOptionCode.Router, scope.Router);
        }

        if (scope.DnsServers.Count > 0)
        {
            reply.SetAddresses(DhcpOptionCode.DomainNameServer, scope.DnsServers);
        }

        ConfiguredOption.AddTo(request, reply, scope.Options);
    }

    private void AddBoot(DhcpRequestContext context, DhcpMessage reply, DhcpScope scope)
    {
        if (_policy.Choose(BootClient.From(context.Request, context.Interface, scope.ServerAddress), scope.ServerAddress) is { } answer)
        {
            context.Profile = answer.Profile;
            DhcpReplyFactory.AddBoot(context.Request, reply, answer, scope.ServerAddress);
        }
    }

    private DhcpMessage? Ignore(DhcpRequestContext context, DhcpIgnoreReason why, string reason, IPAddress? address = null)
    {
        _journal.Ignored(context, why, reason, address);
        return null;
    }

    private static IPAddress? NonZero(IPAddress address) => address.Equals(IPAddress.Any) ? null : address;

    private static string Describe(DhcpRequestContext context) =>
        context.Request.GatewayAddress.Equals(IPAddress.Any)
            ? $"interface {context.Interface}"
            : $"relay {context.Request.GatewayAddress}";

    private static string DescribeBoot(DhcpMessage reply) => EventText.Boot(DhcpFacts.BootFileOf(reply), NonZero(reply.ServerAddress)?.ToString());
}
