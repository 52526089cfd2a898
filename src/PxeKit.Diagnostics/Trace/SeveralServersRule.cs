using PxeKit.Core.Verdicts;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Trace;

/// <summary>More than one DHCP server offering addresses to the same client: they race, and the client takes one.</summary>
public sealed class SeveralServersRule : IWireRule
{
    public IEnumerable<Verdict> Check(ClientTrace client, IReadOnlyList<ClientTrace> everyone)
    {
        ArgumentNullException.ThrowIfNull(client);
        var offers = client.Dhcp.Where(d => d.IsReply && d.Type == DhcpMessageType.Offer && d.YourAddress is not null).ToList();
        var servers = offers.GroupBy(o => o.Server).ToList();
        if (servers.Count < 2)
        {
            yield break;
        }

        var each = string.Join("; ", servers.Select(g =>
        {
            var offer = g.First();
            var boot = offer.HasBootInfo ? $"boot file {offer.BootFile ?? "(PXE options)"}" : "no boot information";
            return $"{g.Key} offered {offer.YourAddress} with {boot}";
        }));
        var chosen = client.Dhcp.LastOrDefault(d => !d.IsReply && d.Type == DhcpMessageType.Request && d.Server is not null)?.Server;
        var took = chosen is null
            ? "The capture shows no REQUEST naming the server the client chose."
            : $"The client took the offer of {chosen} (the server identifier in its REQUEST).";
        yield return Verdict.Of(
            FaultId.OtherDhcpServer,
            client.Key,
            $"{servers.Count} DHCP servers offered addresses to this client.",
            $"{each}. {took}",
            "Keep one DHCP server on this segment: stop the other. If both must stay, let one hand out the addresses "
            + "and run the PXE server beside it in proxy mode (pxekit serve --proxy), which adds boot information without offering addresses.");
    }
}
