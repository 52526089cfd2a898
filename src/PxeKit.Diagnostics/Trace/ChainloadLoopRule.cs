using System.Globalization;
using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Verdicts;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Trace;

/// <summary>
/// An iPXE chainload loop (fault h): iPXE, once loaded, asks DHCP again, and when the answer is iPXE
/// again it loads itself, forever. Seen either as iPXE's own request (user class iPXE or option 175)
/// answered with an iPXE binary, or as the same iPXE binary fetched three times or more.
/// </summary>
public sealed class ChainloadLoopRule : IWireRule
{
    private const int LoopCount = 3;

    public IEnumerable<Verdict> Check(ClientTrace client, IReadOnlyList<ClientTrace> everyone)
    {
        ArgumentNullException.ThrowIfNull(client);
        var ipxeRequests = client.Dhcp.Where(d => !d.IsReply && d.IsIpxe).Select(d => d.TransactionId).ToHashSet();
        var answer = client.Dhcp.FirstOrDefault(d => d.IsReply && d.Type is DhcpMessageType.Offer or DhcpMessageType.Ack
            && ipxeRequests.Contains(d.TransactionId) && IpxeBinaryNames.IsIpxe(d.BootFile));
        // Fetches over TFTP (every transfer started) and over HTTP (every answered GET), by file name.
        var fetched = client.Transfers.Select(t => t.File)
            .Concat(client.Events.Where(e => e.Step == BootStep.HttpComplete && e.File is not null).Select(e => e.File!.Split('/')[^1]))
            .Where(IpxeBinaryNames.IsIpxe).GroupBy(f => f).OrderByDescending(g => g.Count()).FirstOrDefault();
        int fetches = fetched?.Count() ?? 0;
        if (answer is null && fetches < LoopCount)
        {
            yield break;
        }

        var evidence = answer is not null
            ? $"iPXE itself asked for a boot file (user class iPXE in its request, xid 0x{answer.TransactionId:x8}) and {answer.Server} answered with {answer.BootFile}, an iPXE binary."
            : "";
        if (fetches >= 2)
        {
            evidence += string.Create(CultureInfo.InvariantCulture, $" {client.Key} fetched {fetched!.Key} {fetches} times.");
        }

        var file = answer?.BootFile ?? fetched!.Key;
        yield return Verdict.Of(
            FaultId.ChainloadLoop,
            client.Key,
            "An iPXE chainload loop.",
            evidence.Trim() + $" iPXE loads {file}, which is iPXE again: it asks DHCP again, gets {file} again, and never boots anything else.",
            "Give iPXE's own request something else: match user class iPXE (option 77) or option 175 on the DHCP server and answer it with "
            + "an iPXE script (an http:// URL as the boot file) or the real boot program, keeping the iPXE binary for the firmware's first request only "
            + "(dnsmasq: dhcp-userclass=set:ipxe,iPXE and dhcp-boot=tag:ipxe,...; pxekit serve does this by itself).");
    }
}
