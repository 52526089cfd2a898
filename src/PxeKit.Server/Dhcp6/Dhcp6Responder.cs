using System.Net;
using Microsoft.Extensions.Logging;
using PxeKit.Core.Events;
using PxeKit.Core.Net;
using PxeKit.Protocol.Dhcp6;
using PxeKit.Server.Boot;

namespace PxeKit.Server.Dhcp6;

/// <summary>
/// What the full and boot-only handlers share: the checks every message passes first (RFC 8415 section 16),
/// the boot answer from the one boot policy, and the start of every reply (server id, client id echo).
/// </summary>
public sealed class Dhcp6Responder
{
    /// <summary>The vendor class an answer to UEFI HTTP Boot carries (option 16), as option 60 does over IPv4.</summary>
    public const string HttpClientClass = "HTTPClient";

    private readonly byte[] _serverDuid;
    private readonly IBootPolicy _policy;
    private readonly ILogger _logger;

    /// <param name="serverDuid">PxeKit's DUID: <see cref="Dhcp6Duid.LinkLayer"/> of the served interface's MAC.</param>
    public Dhcp6Responder(byte[] serverDuid, IBootPolicy policy, IBootJournal journal, ILogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(serverDuid);
        _serverDuid = serverDuid;
        _policy = policy;
        _logger = logger;
        Journal = new Dhcp6Journal(journal, time);
    }

    public Dhcp6Journal Journal { get; }

    public ReadOnlySpan<byte> ServerDuid => _serverDuid;

    /// <summary>
    /// Parses and screens a datagram. False: not to be answered (already journaled and logged). True: a client message
    /// a server answers, with the facts and MAC of its client.
    /// </summary>
    public bool Screen(Dhcp6RequestContext context, out Dhcp6MessageView request, out Dhcp6Facts facts, out string mac)
    {
        ArgumentNullException.ThrowIfNull(context);
        facts = null!;
        mac = "";
        var error = Dhcp6MessageView.TryParse(context.Datagram.Span, out request);
        if (error != Dhcp6ParseError.None)
        {
            var bytes = context.Datagram.Span;
            Log.Dropped(_logger, context.Source.ToString(), context.Interface, error.ToString(), bytes.Length, Convert.ToHexString(bytes[..Math.Min(bytes.Length, 64)]));
            Journal.Ignored(null, null, Dhcp6IgnoreReason.Unparsable, $"not a DHCPv6 message: {error}", context.Interface);
            return false;
        }

        facts = Dhcp6Facts.Of(request, context.Interface) with { RelayAddress = context.Relay?.Agent.ToString() };
        mac = request.ClientId.IsEmpty ? context.Source.Address.ToString() : Dhcp6ClientIdentity.MacOf(request.ClientId, context.Source.Address);
        var type = request.MessageType;
        if (type is Dhcp6MessageType.Advertise or Dhcp6MessageType.Reply or Dhcp6MessageType.Reconfigure or Dhcp6MessageType.RelayReply)
        {
            Log.NotForUs(_logger, $"a {type}", context.Source.ToString());
            Journal.Ignored(facts, mac, Dhcp6IgnoreReason.NotForServers, $"a {type}: servers do not answer it", context.Interface);
            return false;
        }

        if (request.ClientId.IsEmpty && type != Dhcp6MessageType.InformationRequest)
        {
            Journal.Ignored(facts, mac, Dhcp6IgnoreReason.NoClientId, $"a {type} without a client id (RFC 8415 section 16)", context.Interface);
            return false;
        }

        var serverId = request.ServerId;
        bool mustName = type is Dhcp6MessageType.Request or Dhcp6MessageType.Renew or Dhcp6MessageType.Release or Dhcp6MessageType.Decline;
        bool mustNotName = type is Dhcp6MessageType.Solicit or Dhcp6MessageType.Confirm or Dhcp6MessageType.Rebind;
        if ((mustName && !serverId.SequenceEqual(_serverDuid)) || (mustNotName && !serverId.IsEmpty)
            || (type == Dhcp6MessageType.InformationRequest && !serverId.IsEmpty && !serverId.SequenceEqual(_serverDuid)))
        {
            Journal.Ignored(facts, mac, Dhcp6IgnoreReason.OtherServer, $"a {type} for {(serverId.IsEmpty ? "no server" : "server " + Dhcp6Duid.Format(serverId))}, not this one", context.Interface);
            return false;
        }

        return true;
    }

    /// <summary>
    /// The boot answer for the client, from the boot policy; null when no profile matches, or when the client did not ask
    /// for a boot file URL (option 59 in its option request, RFC 5970 section 3.1): firmware's PXE client and iPXE ask, an
    /// operating system's DHCPv6 (edk2's own network stack taking an address, for one) does not, and gets an address alone.
    /// </summary>
    public BootAnswer? Boot(Dhcp6MessageView request, string mac, Dhcp6RequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!request.RequestedOptions.Contains((ushort)Dhcp6OptionCode.BootFileUrl))
        {
            return null;
        }

        return _policy.Choose(Dhcp6BootClient.From(request, mac, context.Interface, context.Server), context.Server);
    }

    /// <summary>Starts a reply: the header with the request's transaction id, server id, the client id echoed.</summary>
    public Dhcp6MessageWriter Begin(Span<byte> buffer, Dhcp6MessageType type, Dhcp6MessageView request)
    {
        var writer = new Dhcp6MessageWriter(buffer, type, request.TransactionId);
        writer.WriteServerId(_serverDuid);
        if (!request.ClientId.IsEmpty)
        {
            writer.WriteClientId(request.ClientId);
        }

        return writer;
    }

    /// <summary>
    /// Option 59, the vendor class an HTTP Boot client needs echoed, and 23 when configured and asked for: the boot options
    /// of every answer.
    /// </summary>
    public static void WriteBoot(ref Dhcp6MessageWriter writer, BootAnswer? answer, string? url, Dhcp6MessageView request, IReadOnlyList<IPAddress> dnsServers)
    {
        if (url is not null)
        {
            writer.WriteBootFileUrl(url);
        }

        if (answer is { ForHttpClient: true } && request.TryGetVendorClass(out var enterpriseNumber, out _))
        {
            // UEFI HTTP Boot takes an answer for an HTTP Boot one only when its vendor class says HTTPClient, as over IPv4
            // (UEFI 2.10 section 24.7.2): edk2's HttpBootDxe reads the ten bytes after the enterprise number and the first
            // item's length. Its enterprise number is the client's own, echoed. Written after option 59: edk2 takes the URL up
            // to a zero byte, and the next option's code starts with one.
            writer.WriteVendorClass(enterpriseNumber, HttpClientClass);
        }

        if (dnsServers.Count > 0 && request.RequestedOptions.Contains((ushort)Dhcp6OptionCode.DnsServers))
        {
            writer.WriteDnsServers(dnsServers);
        }
    }
}
