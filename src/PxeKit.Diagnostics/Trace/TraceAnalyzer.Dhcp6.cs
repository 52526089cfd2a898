using System.Globalization;
using System.Net;
using System.Text;
using PxeKit.Core.Capture;
using PxeKit.Core.Events;
using PxeKit.Core.Net;
using PxeKit.Protocol.Dhcp6;

namespace PxeKit.Diagnostics.Trace;

/// <summary>
/// DHCPv6 on ports 546 and 547 (RFC 8415): every client message and every server reply becomes the same <c>Dhcp6*</c> step
/// the server journals, with the same facts (<see cref="Dhcp6Facts.Of"/>) and the same name for the client
/// (<see cref="Dhcp6ClientIdentity"/>: the MAC in its DUID or its link-local address, else its DUID). A capture beside the
/// server of a relayed client holds Relay-forwards and Relay-replies: the client's message and the answer inside them
/// are its steps too, with the relay agent they went through.
/// </summary>
public sealed partial class TraceAnalyzer
{
    private static bool IsDhcp6(in WireSegment segment) =>
        segment.DestinationPort == Dhcp6Constants.ServerPort
        || (segment.SourcePort == Dhcp6Constants.ServerPort && segment.DestinationPort == Dhcp6Constants.ClientPort);

    private void OnDhcp6(in WireSegment segment)
    {
        // A relayed client's message, or the answer to it, inside the relays' messages (Dhcp6RelayChain, as serve reads them).
        var datagram = segment.Payload.Span;
        Span<Range> hops = stackalloc Range[Dhcp6RelayChain.MaxHops];
        if (Dhcp6RelayChain.TryUnwrap(datagram, hops, out int depth, out var inner) != Dhcp6RelayError.None
            || Dhcp6MessageView.TryParse(datagram[inner], out var view) != Dhcp6ParseError.None)
        {
            return;
        }

        var type = view.MessageType;
        BootStep? step = type switch
        {
            Dhcp6MessageType.Solicit => BootStep.Dhcp6Solicit,
            Dhcp6MessageType.Request or Dhcp6MessageType.Confirm or Dhcp6MessageType.Renew or Dhcp6MessageType.Rebind
                or Dhcp6MessageType.Release or Dhcp6MessageType.Decline or Dhcp6MessageType.InformationRequest => BootStep.Dhcp6Request,
            Dhcp6MessageType.Advertise => BootStep.Dhcp6Advertise,
            Dhcp6MessageType.Reply => BootStep.Dhcp6Reply,
            // Reconfigure: not a client's own step.
            _ => null,
        };
        if (step is not { } known)
        {
            return;
        }

        BootFrames++;
        bool reply = type is Dhcp6MessageType.Advertise or Dhcp6MessageType.Reply;
        // Relayed: the relay nearest the client names it (peer-address); the relay agent is the segment's other end.
        var clientAddress = depth > 0
            ? new IPAddress(datagram[hops[depth - 1]].Slice(Dhcp6Constants.PeerAddressOffset, Dhcp6Constants.AddressLength))
            : reply ? segment.Destination : segment.Source;
        var agent = depth == 0 ? null : reply ? segment.Destination : segment.Source;
        var mac = view.ClientId.IsEmpty ? clientAddress.ToString() : Dhcp6ClientIdentity.MacOf(view.ClientId, clientAddress);
        var client = ClientByMac(mac);
        if (clientAddress.IsIPv6LinkLocal)
        {
            // TFTP and HTTP may come from the link-local address too: it names the same machine.
            _macByAddress[clientAddress] = mac;
            client.Address ??= clientAddress.ToString();
        }

        IPAddress? address = view.TryGetIaNa(out var ia) && ia.TryGetAddress(out var iaAddress) ? iaAddress.Address : null;
        if (reply && address is not null)
        {
            Learn(address, mac, client);
        }

        var facts = Dhcp6Facts.Of(view, null) with { RelayAddress = agent?.ToString() };
        var url = reply && !view.BootFileUrl.IsEmpty ? Encoding.UTF8.GetString(view.BootFileUrl) : null;
        Record(client, new BootEvent
        {
            Time = segment.Time,
            Step = known,
            Source = EvidenceSource.Capture,
            Mac = mac,
            Dhcp6 = facts,
            Address = address?.ToString(),
            Server = reply ? segment.Source.ToString() : null,
            File = url,
            Detail = reply ? DescribeReply(facts, segment.Source, address, url) : DescribeRequest(facts, mac),
        });
    }

    private static string DescribeRequest(Dhcp6Facts facts, string mac)
    {
        var text = new StringBuilder(facts.MessageType.ToString());
        // The DUID is the client's own name for itself: worth showing when the MAC came from elsewhere or not at all.
        if (facts.ClientId is { } duid && !duid.EndsWith(mac, StringComparison.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $", DUID {duid}");
        }

        if (facts.UserClass is { } userClass)
        {
            text.Append(CultureInfo.InvariantCulture, $", {userClass}");
        }

        if (facts.Architecture is { } arch)
        {
            text.Append(CultureInfo.InvariantCulture, $", arch {arch}");
        }

        if (facts.BootFileUrlRequested)
        {
            text.Append(", asks for a boot file URL");
        }

        return text.Append(" (to port 547)").ToString();
    }

    private static string DescribeReply(Dhcp6Facts facts, IPAddress server, IPAddress? address, string? url)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{facts.MessageType} from {server}: ");
        text.Append(address?.ToString() ?? "no address");
        if (url is not null || facts.MessageType == Dhcp6MessageType.Advertise)
        {
            text.Append(url is null ? ", no boot file URL" : $", boot file URL {url}");
        }

        if (facts.Status is { } status)
        {
            text.Append(CultureInfo.InvariantCulture, $", status {status}");
        }

        return text.ToString();
    }
}
