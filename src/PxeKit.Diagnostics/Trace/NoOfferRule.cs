using System.Globalization;
using PxeKit.Core.Verdicts;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Trace;

/// <summary>A client that keeps sending DISCOVERs that no server ever answers.</summary>
public sealed class NoOfferRule : IWireRule
{
    public IEnumerable<Verdict> Check(ClientTrace client, IReadOnlyList<ClientTrace> everyone)
    {
        ArgumentNullException.ThrowIfNull(client);
        var discovers = client.Dhcp.Where(d => !d.IsReply && d.Type == DhcpMessageType.Discover).ToList();
        // One DISCOVER may simply be the last packet of the capture; firmware sends the second after 4 s.
        if (discovers.Count < 2 || client.Dhcp.Any(d => d.IsReply))
        {
            yield break;
        }

        var span = (discovers[^1].Time - discovers[0].Time).TotalSeconds;
        yield return Verdict.Of(
            FaultId.DhcpUnanswered,
            client.Key,
            "No DHCP server answered.",
            string.Create(CultureInfo.InvariantCulture, $"{client.Key} sent {discovers.Count} DISCOVERs over {span:0.0} s and the capture shows no OFFER from any server."),
            "Start a DHCP server (or pxekit serve) on this segment. If one runs, its host's firewall may drop UDP 67 (pxekit doctor names the rule), "
            + "or, when the server is behind a router, the router needs a DHCP relay pointing at it.");
    }
}
