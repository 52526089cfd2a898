using System.Text;
using PxeKit.Core.Processes;
using PxeKit.Diagnostics.Firewall;

namespace PxeKit.Diagnostics.Verdicts;

/// <summary>What to say about the host's firewall when requests vanish between the wire and the socket.</summary>
public static class FirewallExplanation
{
    /// <summary>The rules of this host (this network namespace) that drop DHCP or TFTP requests, and the commands that fix them.</summary>
    public static async Task<FirewallAdvice> ForRequestsAsync(WireProtocol protocol, CancellationToken cancellationToken)
    {
        // ForPxeServer: [0] is UDP 67 in, [1] is UDP 69 in, [2] is UDP 4011 in.
        var question = FirewallQuestion.ForPxeServer()[protocol switch { WireProtocol.Dhcp => 0, WireProtocol.Tftp => 1, _ => 2 }];
        var report = await new FirewallInspector(new ProcessCommandRunner()).CheckAsync([question], cancellationToken).ConfigureAwait(false);
        return Describe(report, question);
    }

    /// <summary>
    /// The rules of this host that break TFTP's return path: data PxeKit sends from a new port (NEW to conntrack, so an
    /// ESTABLISHED-only OUTPUT chain drops it), and the client's acknowledgments coming back to that port.
    /// </summary>
    public static async Task<FirewallAdvice> ForTftpReturnPathAsync(CancellationToken cancellationToken)
    {
        var questions = TftpReturnPath(EphemeralPorts.Read());
        var report = await new FirewallInspector(new ProcessCommandRunner()).CheckAsync(questions, cancellationToken).ConfigureAwait(false);
        if (report.Findings.Count == 0)
        {
            return new FirewallAdvice($"No rule in {string.Join(", ", report.ToolsRead)} on this host drops TFTP data out or acknowledgments in.", "");
        }

        var each = questions.Where(q => report.For(q).Count > 0).Select(q => Describe(report, q)).ToList();
        return new FirewallAdvice(string.Join(" ", each.Select(a => a.Seen)), string.Join("; ", each.Select(a => a.Fix)));
    }

    /// <summary>TFTP data out from an ephemeral port to the client, and the client's ACKs back in to that port.</summary>
    public static IReadOnlyList<FirewallQuestion> TftpReturnPath((int First, int Last) ephemeral) =>
    [
        new(TransportProtocol.Udp, 1024, TrafficDirection.Outgoing, "TFTP data from PxeKit (sent from a new port, not 69)")
        {
            LastPort = PortRange.Highest,
            SourcePort = ephemeral.First,
        },
        new(TransportProtocol.Udp, ephemeral.First, TrafficDirection.Incoming, "TFTP acknowledgments from clients to PxeKit's transfer port")
        {
            LastPort = ephemeral.Last,
            State = ConnectionState.Established,
        },
    ];

    /// <summary>What the rules of <paramref name="report"/> do to <paramref name="question"/>'s traffic, and the commands that change it.</summary>
    public static FirewallAdvice Describe(FirewallReport report, FirewallQuestion question)
    {
        ArgumentNullException.ThrowIfNull(report);
        var findings = report.For(question);
        var seen = new StringBuilder();
        var fixes = new List<string>();
        if (findings.Count == 0)
        {
            seen.Append($"No rule in {string.Join(", ", report.ToolsRead)} drops {question.Describe()}; look for other filters (ebtables, a bridge's nf_call_iptables, an LSM). ");
        }

        foreach (var finding in findings)
        {
            seen.Append(finding.Explanation.TrimEnd('.'));
            if (!finding.Certain)
            {
                seen.Append("; not certain: ").Append(string.Join("; ", finding.Conditions.Concat(finding.EarlierRules)));
            }

            seen.Append(". ");
            fixes.Add($"{finding.RemoveCommand.ToShell()} (or let it through ahead of the rule: {finding.OpenCommand.ToShell()})");
        }

        foreach (var note in report.Notes)
        {
            seen.Append(note.TrimEnd('.')).Append(". ");
        }

        return new FirewallAdvice(seen.ToString().TrimEnd(), string.Join("; ", fixes));
    }
}
