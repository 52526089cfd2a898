using System.Net;
using Microsoft.Extensions.Logging;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp6;
using PxeKit.Server.Boot;

namespace PxeKit.Server.Dhcp6;

/// <summary>
/// PxeKit as the link's DHCPv6 server (RFC 8415 section 18.3): an IA_NA address from the range per client DUID and
/// IAID, durable before the Reply that gives it, and the boot options of the client's profile (option 59 by its
/// architecture and user class, from the one boot policy). A client no profile matches still gets an address. A relayed
/// client (<see cref="Dhcp6RelayHandler"/>) is served when the link its nearest relay names is the range's /64.
/// </summary>
public sealed class Dhcp6FullHandler : IDhcp6Handler
{
    private readonly Dhcp6Responder _responder;
    private readonly Dhcp6Bindings _bindings;
    private readonly Dhcp6Settings _settings;
    private readonly ILogger _logger;

    public Dhcp6FullHandler(Dhcp6Responder responder, Dhcp6Bindings bindings, Dhcp6Settings settings, ILogger<Dhcp6FullHandler> logger)
    {
        _responder = responder;
        _bindings = bindings;
        _settings = settings;
        _logger = logger;
    }

    public Dhcp6Outcome Handle(Dhcp6RequestContext context, Span<byte> reply)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_responder.Screen(context, out var request, out var facts, out var mac))
        {
            return Dhcp6Outcome.None;
        }

        if (context.Relay is { } relay && !(relay.LinkAddress is { } link && _bindings.OnRangeLink(link)))
        {
            // A relayed client is on the link its nearest relay names: addresses from the range only for the range's own link.
            _responder.Journal.Ignored(facts, mac, Dhcp6IgnoreReason.Relayed,
                $"a {request.MessageType} relayed by {relay.Agent} from link {relay.LinkAddress?.ToString() ?? "(unspecified)"}, which the range {_settings.RangeStart}-{_settings.RangeEnd} is not on",
                context.Interface);
            return Dhcp6Outcome.None;
        }

        _responder.Journal.Request(facts, mac, $"{request.MessageType} from {mac}{(context.Relay is { } via ? $" relayed by {via.Agent}" : "")}");
        var answer = _responder.Boot(request, mac, context);
        var url = answer is null ? null : Dhcp6BootClient.UrlOf(answer, context.Server);
        return request.MessageType switch
        {
            Dhcp6MessageType.Solicit => Solicit(context, request, facts, mac, answer, url, reply),
            Dhcp6MessageType.Request or Dhcp6MessageType.Renew or Dhcp6MessageType.Rebind => Bind(context, request, facts, mac, answer, url, reply, Dhcp6MessageType.Reply),
            Dhcp6MessageType.Confirm => Confirm(context, request, facts, mac, reply),
            Dhcp6MessageType.Release or Dhcp6MessageType.Decline => Release(context, request, facts, mac, reply),
            _ => Information(context, request, facts, mac, answer, url, reply),
        };
    }

    // RFC 8415 section 18.3.1: an Advertise with the address the client would get, or a Reply that binds it when
    // the client asked for rapid commit (section 18.3.1 and 21.14).
    private Dhcp6Outcome Solicit(Dhcp6RequestContext context, Dhcp6MessageView request, Dhcp6Facts facts, string mac, BootAnswer? answer, string? url, Span<byte> reply)
    {
        if (request.RapidCommit)
        {
            return Bind(context, request, facts, mac, answer, url, reply, Dhcp6MessageType.Reply);
        }

        var writer = _responder.Begin(reply, Dhcp6MessageType.Advertise, request);
        IPAddress? offered = null;
        Dhcp6StatusCode? status = null;
        if (request.TryGetIaNa(out var ia))
        {
            offered = _bindings.Choose(Dhcp6Bindings.KeyOf(request.ClientId, ia.Iaid), Hint(ia));
            status = offered is null ? Dhcp6StatusCode.NoAddrsAvail : null;
            WriteIa(ref writer, ia.Iaid, offered);
            if (offered is null)
            {
                Log.RangeExhausted(_logger, context.Interface);
            }
        }

        Dhcp6Responder.WriteBoot(ref writer, answer, url, request, _settings.DnsServers);
        var bootEvent = _responder.Journal.Reply(facts, Dhcp6MessageType.Advertise, mac, $"advertise {offered?.ToString() ?? "no address"}{BootText(answer, url)}", offered, url, answer?.Profile, context.Server, status);
        return Dhcp6Outcome.Send(writer.Position, bootEvent);
    }

    // RFC 8415 sections 18.3.2 (Request), 18.3.4 (Renew), 18.3.5 (Rebind): the client's address is bound, or
    // extended, and stored before the Reply leaves. A client whose binding is gone gets one anew, as section 18.3.4
    // allows; one the range has no room for gets NoAddrsAvail.
    private Dhcp6Outcome Bind(Dhcp6RequestContext context, Dhcp6MessageView request, Dhcp6Facts facts, string mac, BootAnswer? answer, string? url, Span<byte> reply, Dhcp6MessageType type)
    {
        var writer = _responder.Begin(reply, type, request);
        if (request.RapidCommit && request.MessageType == Dhcp6MessageType.Solicit)
        {
            writer.WriteRapidCommit();
        }

        IPAddress? bound = null;
        Task durable = Task.CompletedTask;
        Dhcp6StatusCode? status = null;
        if (request.TryGetIaNa(out var ia))
        {
            var binding = _bindings.Bind(Dhcp6Bindings.KeyOf(request.ClientId, ia.Iaid), mac, Hint(ia));
            if (binding is { } b)
            {
                bound = b.Lease.Address;
                durable = b.Durable;
            }
            else
            {
                status = Dhcp6StatusCode.NoAddrsAvail;
                Log.RangeExhausted(_logger, context.Interface);
            }

            WriteIa(ref writer, ia.Iaid, bound);
        }

        Dhcp6Responder.WriteBoot(ref writer, answer, url, request, _settings.DnsServers);
        var bootEvent = _responder.Journal.Reply(facts, type, mac, $"reply to {request.MessageType}: {bound?.ToString() ?? "no address"}{BootText(answer, url)}", bound, url, answer?.Profile, context.Server, status);
        return Dhcp6Outcome.Send(writer.Position, bootEvent, durable);
    }

    // RFC 8415 section 18.3.3: Success when every address the client holds is in the range, NotOnLink otherwise;
    // no reply when it names none.
    private Dhcp6Outcome Confirm(Dhcp6RequestContext context, Dhcp6MessageView request, Dhcp6Facts facts, string mac, Span<byte> reply)
    {
        bool any = false, onLink = true;
        foreach (var ia in request.IaNas)
        {
            foreach (var option in ia.Options)
            {
                if (option.Code == (ushort)Dhcp6OptionCode.IaAddress)
                {
                    any = true;
                    onLink &= _bindings.InRange(new IPAddress(option.Data[..Dhcp6Constants.AddressLength]));
                }
            }
        }

        if (!any)
        {
            return Dhcp6Outcome.None;
        }

        var status = onLink ? Dhcp6StatusCode.Success : Dhcp6StatusCode.NotOnLink;
        var writer = _responder.Begin(reply, Dhcp6MessageType.Reply, request);
        writer.WriteStatus(status);
        var bootEvent = _responder.Journal.Reply(facts, Dhcp6MessageType.Reply, mac, $"confirm: {status}", null, null, null, context.Server, onLink ? null : status);
        return Dhcp6Outcome.Send(writer.Position, bootEvent);
    }

    // RFC 8415 sections 18.3.7 (Release) and 18.3.8 (Decline): the bindings end (a declined address is set aside),
    // durably, then a Reply with Success.
    private Dhcp6Outcome Release(Dhcp6RequestContext context, Dhcp6MessageView request, Dhcp6Facts facts, string mac, Span<byte> reply)
    {
        var writes = new List<Task>();
        foreach (var ia in request.IaNas)
        {
            var key = Dhcp6Bindings.KeyOf(request.ClientId, ia.Iaid);
            writes.Add(request.MessageType == Dhcp6MessageType.Decline && ia.TryGetAddress(out var address)
                ? _bindings.Decline(key, address.Address)
                : _bindings.Release(key));
        }

        var writer = _responder.Begin(reply, Dhcp6MessageType.Reply, request);
        writer.WriteStatus(Dhcp6StatusCode.Success);
        var bootEvent = _responder.Journal.Reply(facts, Dhcp6MessageType.Reply, mac, $"{request.MessageType.ToString().ToLowerInvariant()}: {writes.Count} binding(s) ended", null, null, null, context.Server);
        return Dhcp6Outcome.Send(writer.Position, bootEvent, Task.WhenAll(writes));
    }

    // RFC 8415 section 18.3.6: configuration without addresses.
    private Dhcp6Outcome Information(Dhcp6RequestContext context, Dhcp6MessageView request, Dhcp6Facts facts, string mac, BootAnswer? answer, string? url, Span<byte> reply)
    {
        var writer = _responder.Begin(reply, Dhcp6MessageType.Reply, request);
        Dhcp6Responder.WriteBoot(ref writer, answer, url, request, _settings.DnsServers);
        var bootEvent = _responder.Journal.Reply(facts, Dhcp6MessageType.Reply, mac, $"information{BootText(answer, url)}", null, url, answer?.Profile, context.Server);
        return Dhcp6Outcome.Send(writer.Position, bootEvent);
    }

    private void WriteIa(ref Dhcp6MessageWriter writer, uint iaid, IPAddress? address)
    {
        uint preferred = (uint)_settings.PreferredLifetime.TotalSeconds, valid = (uint)_settings.ValidLifetime.TotalSeconds;
        if (address is null)
        {
            writer.WriteIaNa(iaid, 0, 0, null, 0, 0, Dhcp6StatusCode.NoAddrsAvail, "no addresses left in the range");
        }
        else
        {
            writer.WriteIaNa(iaid, _settings.T1, _settings.T2, address, preferred, valid);
        }
    }

    private static IPAddress? Hint(Dhcp6IaNa ia) => ia.TryGetAddress(out var address) ? address.Address : null;

    private static string BootText(BootAnswer? answer, string? url) => answer is null ? ", no profile matches: no boot options" : $", boot {answer.Describe()} as {url}";
}
