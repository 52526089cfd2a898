using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PxeKit.Cli.Rendering;
using PxeKit.Core.Events;
using PxeKit.Host;
using PxeKit.Protocol.Dhcp6;
using PxeKit.Server.Boot;
using PxeKit.Server.Dhcp6;
using PxeKit.Server.Leases;

namespace PxeKit.Cli.Explain;

/// <summary>
/// <c>explain --ipv6</c>: runs one Solicit through the DHCPv6 handler <c>serve</c> builds (<see cref="Dhcp6Server.CreateHandler"/>,
/// with a lease store in memory) and the same profile policy, and tells the story: the client as the server reads it
/// (<see cref="Dhcp6BootClient"/>), each profile and why it matches or not, the Advertise, decoded.
/// </summary>
internal sealed class Dhcp6ReplyExplainer(ServeSettings settings, IPAddress server)
{
    /// <summary>The interface's MAC does not matter to the answer but for the server's DUID: explain's own.</summary>
    private static readonly byte[] ExplainMac = [0x02, 0x50, 0x58, 0x4b, 0x54, 0x06];

    /// <summary>
    /// The address boot URLs name when <paramref name="settings"/> are served: the first interface's global or unique-local
    /// IPv6 address (<paramref name="ipv6AddressOf"/>); null, with the reason in <paramref name="errors"/>, when the
    /// configuration has no <c>dhcp6:</c> section or the interface no such address.
    /// </summary>
    /// <param name="remedy">What the caller can give instead of the interface's address, said with that error.</param>
    public static IPAddress? ServerAddress(ServeSettings settings, Func<string, IPAddress?> ipv6AddressOf, List<string> errors, string? remedy = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(ipv6AddressOf);
        ArgumentNullException.ThrowIfNull(errors);
        if (settings.Dhcp6 is null)
        {
            errors.Add("the configuration has no dhcp6: section, so there is no DHCPv6 answer to explain");
            return null;
        }

        var name = settings.Interfaces[0].Name;
        var server = ipv6AddressOf(name);
        if (server is null)
        {
            errors.Add($"{name} has no global or unique-local IPv6 address to name in boot URLs{(remedy is null ? "" : ": " + remedy)}");
        }

        return server;
    }

    public ExplainReport Explain(byte[] solicit)
    {
        ArgumentNullException.ThrowIfNull(solicit);
        var dhcp6 = settings.Dhcp6 ?? throw new InvalidOperationException("explain --ipv6 needs a dhcp6: section.");
        var text = new StringBuilder();
        var arrived = settings.Interfaces[0];
        if (Dhcp6MessageView.TryParse(solicit, out var request) != Dhcp6ParseError.None)
        {
            throw new InvalidOperationException("explain built a Solicit it cannot read.");
        }

        var mac = Dhcp6Duid.TryGetMac(request.ClientId, out var fromDuid) ? Protocol.Dhcp.MacAddress.Format(fromDuid) : "?";
        var client = Dhcp6BootClient.From(request, mac, arrived.Name, server);
        text.Append($"Client {mac} (DUID {Dhcp6Duid.Format(request.ClientId)}), DHCPv6 Solicit to [{server}]:{Dhcp6Constants.ServerPort} on {arrived.Name}\n");
        text.Append($"Firmware: {client.Firmware}{(client.IsIpxe ? ", running iPXE" : "")}{(client.IsHttpClient ? ", UEFI HTTP Boot" : "")}\n\n");

        var policy = new ProfileBootPolicy(settings.Profiles, settings.Ipxe, settings.HttpPort, new InMemoryBootOnceStore());
        var chosen = ReplyExplainer.ExplainProfiles(text, settings.Profiles, policy, client);

        var events = new List<BootEvent>();
        var journal = new BootJournal(new ListSink(events));
        var handler = Dhcp6Server.CreateHandler(dhcp6, ExplainMac, policy, new InMemoryLeaseStore(), journal, NullLoggerFactory.Instance, TimeProvider.System);
        var reply = new byte[Dhcp6Constants.MaximumReplyLength];
        var source = new IPEndPoint(IPAddress.Parse("fe80::1"), Dhcp6Constants.ClientPort);
        var outcome = handler.Handle(new Dhcp6RequestContext(solicit, arrived.Name, source, server), reply);
        text.Append('\n');
        if (outcome.Length == 0)
        {
            var why = events.LastOrDefault(e => e.Step == BootStep.Dhcp6Ignored)?.Dhcp6 is { } ignored
                ? IgnoreReasonText.Of(ignored)
                : "the handler has nothing to say to this client";
            text.Append($"No reply: {why}.\n");
            return new ExplainReport(text.ToString(), false, chosen?.Name);
        }

        Dhcp6MessageView.TryParse(reply.AsSpan(0, outcome.Length), out var answer);
        text.Append($"Reply (DHCPv6 {dhcp6.Mode} mode), sent to the client's link-local address, port {Dhcp6Constants.ClientPort}:\n");
        text.Append(Dhcp6MessageFormatter.Format(answer));
        return new ExplainReport(text.ToString(), true, chosen?.Name);
    }

    private sealed class ListSink(List<BootEvent> events) : IBootEventSink
    {
        public void Write(BootEvent bootEvent) => events.Add(bootEvent);
    }
}
