using PxeKit.Diagnostics.Engine;

namespace PxeKit.Diagnostics.Verdicts;

/// <summary>The diagnosis engine's questions about this host's firewall, answered by reading its rule sets.</summary>
public static class HostFirewall
{
    public static Task<FirewallAdvice> AskAsync(HostQuestion question, CancellationToken cancellationToken) => question switch
    {
        HostQuestion.DhcpIn => FirewallExplanation.ForRequestsAsync(WireProtocol.Dhcp, cancellationToken),
        HostQuestion.TftpIn => FirewallExplanation.ForRequestsAsync(WireProtocol.Tftp, cancellationToken),
        HostQuestion.BootServerIn => FirewallExplanation.ForRequestsAsync(WireProtocol.BootServer, cancellationToken),
        _ => FirewallExplanation.ForTftpReturnPathAsync(cancellationToken),
    };
}
