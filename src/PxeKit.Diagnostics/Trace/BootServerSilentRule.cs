using System.Globalization;
using PxeKit.Core.Verdicts;

namespace PxeKit.Diagnostics.Trace;

/// <summary>
/// A client asking the boot server on UDP 4011 (UEFI firmware does after a proxyDHCP offer) and getting no
/// answer: the port is blocked on the PXE server's host or its boot server is down (fault i).
/// </summary>
public sealed class BootServerSilentRule : IWireRule
{
    private const int BootServerPort = 4011;

    public IEnumerable<Verdict> Check(ClientTrace client, IReadOnlyList<ClientTrace> everyone)
    {
        ArgumentNullException.ThrowIfNull(client);
        var asked = client.Dhcp.Where(d => !d.IsReply && d.DestinationPort == BootServerPort).ToList();
        if (asked.Count == 0 || client.Dhcp.Any(d => d.IsReply && d.SourcePort == BootServerPort))
        {
            yield break;
        }

        var server = asked[0].Destination;
        yield return Verdict.Of(
            FaultId.BootServerUnanswered,
            client.Key,
            "The boot server on UDP 4011 did not answer.",
            string.Create(CultureInfo.InvariantCulture,
                $"{client.Key} sent {asked.Count} REQUEST{(asked.Count == 1 ? "" : "s")} to {server}:4011 for its boot file, as UEFI firmware does after a proxyDHCP offer, and none was answered."),
            $"Open UDP 4011 on {server}'s host (pxekit doctor names the firewall rule that drops it), and check that the PXE server there "
            + "runs its boot server on port 4011 (pxekit serve --proxy does).");
    }
}
