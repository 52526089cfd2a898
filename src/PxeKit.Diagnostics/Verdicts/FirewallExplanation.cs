using System.Text;
using PxeKit.Diagnostics.Firewall;
using PxeKit.Lab.Processes;

namespace PxeKit.Diagnostics.Verdicts;

/// <summary>What to say about the host's firewall when requests vanish between the wire and the socket.</summary>
public static class FirewallExplanation
{
    /// <summary>The rules of this host (this network namespace) that drop DHCP or TFTP requests, and the commands that fix them.</summary>
    public static async Task<string> ForRequestsAsync(WireProtocol protocol, CancellationToken cancellationToken)
    {
        // ForPxeServer: [0] is UDP 67 in, [1] is UDP 69 in.
        var question = FirewallQuestion.ForPxeServer()[protocol == WireProtocol.Dhcp ? 0 : 1];
        var report = await new FirewallInspector(new ProcessCommandRunner()).CheckAsync([question], cancellationToken).ConfigureAwait(false);
        return Describe(report, question);
    }

    public static string Describe(FirewallReport report, FirewallQuestion question)
    {
        ArgumentNullException.ThrowIfNull(report);
        var findings = report.For(question);
        var text = new StringBuilder();
        if (findings.Count == 0)
        {
            text.Append($"No rule in {string.Join(", ", report.ToolsRead)} drops {question.Describe()}; look for other filters (ebtables, a bridge's nf_call_iptables, an LSM).");
        }

        foreach (var finding in findings)
        {
            text.Append(finding.Explanation.TrimEnd('.')).Append(". Fix: ").Append(finding.RemoveCommand.ToShell())
                .Append(" (or let it through ahead of the rule: ").Append(finding.OpenCommand.ToShell()).Append(")");
            if (!finding.Certain)
            {
                text.Append("; not certain: ").Append(string.Join("; ", finding.Conditions.Concat(finding.EarlierRules)));
            }

            text.Append(". ");
        }

        foreach (var note in report.Notes)
        {
            text.Append(note.TrimEnd('.')).Append(". ");
        }

        return text.ToString().TrimEnd();
    }
}
