using PxeKit.Core.Verdicts;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Trace;

/// <summary>
/// A PXE client got an address but nothing to boot, and no proxyDHCP server answered: the DHCP server
/// is not set up for PXE (fault g). When the offers came through a relay, the relay does not reach the
/// PXE server (fault j).
/// </summary>
public sealed class NoBootInfoRule : IWireRule
{
    public IEnumerable<Verdict> Check(ClientTrace client, IReadOnlyList<ClientTrace> everyone)
    {
        ArgumentNullException.ThrowIfNull(client);
        var replies = client.Dhcp.Where(d => d.IsReply && d.Type is DhcpMessageType.Offer or DhcpMessageType.Ack).ToList();
        var offer = replies.FirstOrDefault(r => r.YourAddress is not null);
        if (offer is null || !client.Dhcp.Any(d => !d.IsReply && d.IsBootClient) || replies.Any(r => r.HasBootInfo))
        {
            yield break;
        }

        if (replies.FirstOrDefault(r => r.RelayAddress is not null) is { } relayed)
        {
            yield return Verdict.Of(
                FaultId.RelaySkipsPxeKit,
                client.Key,
                "The relay forwards to the DHCP server but not to the PXE server.",
                $"{relayed.Server} offered {client.Key} the address {relayed.YourAddress} through the relay {relayed.RelayAddress}, with no boot file "
                + "and no PXE options, and no proxyDHCP offer came back through the relay: the client has an address and nothing to boot.",
                $"Add the PXE server's address as another helper address on the relay {relayed.RelayAddress} "
                + "(ip helper-address, or one more server argument to dhcrelay), so the client's DISCOVER reaches it too.");
            yield break;
        }

        yield return Verdict.Of(
            FaultId.OfferWithoutBootInfo,
            client.Key,
            "The DHCP server offered an address without boot information, and no PXE server answered.",
            $"{offer.Server} offered {client.Key} the address {offer.YourAddress} with no boot file, no server name and no PXE options, "
            + "and no proxyDHCP offer came from anywhere: the client has an address and nothing to boot.",
            $"{offer.Server} is not set up for PXE; run a PXE server in proxy mode (pxekit serve --proxy) beside it, "
            + "or give that server a boot file (option 67) and next-server.");
    }
}
