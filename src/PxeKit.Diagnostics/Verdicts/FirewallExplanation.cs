namespace PxeKit.Diagnostics.Verdicts;

/// <summary>What to say about the host's firewall when DHCP requests vanish between the wire and the socket.</summary>
public static class FirewallExplanation
{
    public static Task<string> ForDhcpAsync(CancellationToken cancellationToken) =>
        Task.FromResult("Look for a rule that drops UDP port 67 in the INPUT chain: iptables -S INPUT; nft list ruleset.");
}
