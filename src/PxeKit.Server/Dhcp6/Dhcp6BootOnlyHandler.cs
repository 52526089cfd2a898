using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp6;

namespace PxeKit.Server.Dhcp6;

/// <summary>
/// Beside the link's own DHCPv6 server: answers Solicit with an Advertise and Information-request with a Reply that
/// carry the boot options and no IA_NA, as proxyDHCP does for v4. Addresses, and every message about them
/// (Request, Renew, Rebind, Confirm, Release, Decline), are left to that server. Clients nobody's profile matches
/// are left alone.
/// </summary>
public sealed class Dhcp6BootOnlyHandler(Dhcp6Responder responder, Dhcp6Settings settings) : IDhcp6Handler
{
    public Dhcp6Outcome Handle(Dhcp6RequestContext context, Span<byte> reply)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!responder.Screen(context, out var request, out var facts, out var mac))
        {
            return Dhcp6Outcome.None;
        }

        var journal = responder.Journal;
        var type = request.MessageType;
        if (type is not (Dhcp6MessageType.Solicit or Dhcp6MessageType.InformationRequest))
        {
            journal.Ignored(facts, mac, Dhcp6IgnoreReason.ForNetworkServer, $"a {type}: boot-only mode leaves addresses to the network's DHCPv6 server", context.Interface);
            return Dhcp6Outcome.None;
        }

        journal.Request(facts, mac, $"{type} (boot-only) from {mac}{(context.Relay is { } via ? $" relayed by {via.Agent}" : "")}");
        var answer = responder.Boot(request, mac, context);
        if (answer is null)
        {
            journal.Ignored(facts, mac, Dhcp6IgnoreReason.NoProfile, "no profile matches this client: no boot options", context.Interface);
            return Dhcp6Outcome.None;
        }

        var url = Dhcp6BootClient.UrlOf(answer, context.Server);
        var replyType = type == Dhcp6MessageType.Solicit ? Dhcp6MessageType.Advertise : Dhcp6MessageType.Reply;
        var writer = responder.Begin(reply, replyType, request);
        Dhcp6Responder.WriteBoot(ref writer, answer, url, request, settings.DnsServers);
        var bootEvent = journal.Reply(facts, replyType, mac, $"{replyType} (boot-only), boot {answer.Describe()} as {url}", null, url, answer.Profile, context.Server);
        return Dhcp6Outcome.Send(writer.Position, bootEvent);
    }
}
