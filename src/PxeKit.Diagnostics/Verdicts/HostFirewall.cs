using PxeKit.Core.Events;

namespace PxeKit.Diagnostics.Verdicts;

/// <summary>The diagnosis engine's questions about this host's firewall, answered by reading its rule sets.</summary>
public static class HostFirewall
{
    public static Task<FirewallAdvice> AskAsync(HostTraffic traffic, CancellationToken cancellationToken) => FirewallExplanation.ForAsync(traffic, cancellationToken);
}
