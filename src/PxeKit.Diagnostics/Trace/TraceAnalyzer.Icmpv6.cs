using System.Globalization;
using System.Net;
using PxeKit.Core.Capture;
using PxeKit.Core.Events;
using PxeKit.Core.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Protocol.Icmpv6;

namespace PxeKit.Diagnostics.Trace;

/// <summary>
/// IPv6 router discovery (RFC 4861 section 4.1 and 4.2): a machine's router solicitation, and the advertisements that
/// answer it, whose managed flag sends firmware on to DHCPv6. An advertisement to all nodes answers every machine still
/// waiting for one; one sent to a machine's own address answers that machine.
/// </summary>
public sealed partial class TraceAnalyzer
{
    private readonly HashSet<ClientTrace> _soliciting = [];

    private void OnIcmpv6(in WireSegment segment)
    {
        var message = segment.Payload.Span;
        if (RouterSolicitationView.TryRead(message, out var solicitation))
        {
            OnRouterSolicitation(segment, solicitation);
        }
        else if (RouterAdvertisementView.TryRead(message, out var advertisement))
        {
            OnRouterAdvertisement(segment, advertisement);
        }
    }

    private void OnRouterSolicitation(in WireSegment segment, RouterSolicitationView solicitation)
    {
        // A host soliciting from :: (before its address is usable) sends no link-layer option: nothing names it, and
        // its later solicitations from its link-local address will.
        var mac = solicitation.SourceLinkLayerAddress.Length == 6
            ? MacAddress.Format(solicitation.SourceLinkLayerAddress)
            : Dhcp6ClientIdentity.MacOfLinkLocal(segment.Source);
        if (mac is null)
        {
            return;
        }

        var client = ClientByMac(mac);
        if (segment.Source.IsIPv6LinkLocal)
        {
            _macByAddress[segment.Source] = mac;
            client.Address ??= segment.Source.ToString();
        }

        _soliciting.Add(client);
        Record(client, new BootEvent
        {
            Time = segment.Time,
            Step = BootStep.RouterSolicitation,
            Source = EvidenceSource.Capture,
            Mac = mac,
            Address = segment.Source.ToString(),
            Detail = $"IPv6 router solicitation from {segment.Source}",
        });
    }

    private void OnRouterAdvertisement(in WireSegment segment, RouterAdvertisementView advertisement)
    {
        var facts = RouterFacts.Of(advertisement);
        List<ClientTrace> answered;
        if (segment.Destination.IsIPv6Multicast)
        {
            answered = [.. _soliciting];
            _soliciting.Clear();
        }
        else if (_macByAddress.TryGetValue(segment.Destination, out var mac))
        {
            var client = ClientByMac(mac);
            _soliciting.Remove(client);
            answered = [client];
        }
        else
        {
            return;
        }

        var detail = Describe(segment.Source, facts);
        foreach (var client in answered)
        {
            Record(client, new BootEvent
            {
                Time = segment.Time,
                Step = BootStep.RouterAdvertisement,
                Source = EvidenceSource.Capture,
                Mac = client.Mac,
                Server = segment.Source.ToString(),
                Router = facts,
                Detail = detail,
            });
        }
    }

    private static string Describe(IPAddress router, RouterFacts facts)
    {
        var flags = facts.Managed ? "managed flag set (addresses from DHCPv6)" : facts.OtherConfiguration ? "other-configuration flag only (no DHCPv6 addresses)" : "no managed flag";
        var prefixes = facts.Prefixes.Count == 0 ? "no prefix" : "prefix " + string.Join(", ", facts.Prefixes);
        var lifetime = facts.Lifetime == TimeSpan.Zero
            ? "not a default router"
            : string.Create(CultureInfo.InvariantCulture, $"default router for {facts.Lifetime.TotalSeconds:0} s");
        return $"IPv6 router advertisement from {router}: {flags}, {prefixes}, {lifetime}";
    }
}
