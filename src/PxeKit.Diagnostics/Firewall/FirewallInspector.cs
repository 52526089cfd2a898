using PxeKit.Core.Events;
using PxeKit.Core.Processes;

namespace PxeKit.Diagnostics.Firewall;

/// <summary>
/// Finds the firewall rules that would drop PxeKit's traffic on this host, or inside
/// <paramref name="networkNamespace"/> (<c>ip netns exec NS ...</c>), and says how to fix each. Reads the rules
/// with <c>iptables-save</c> (nf_tables backend), <c>iptables-legacy-save</c> (a separate rule set), their IPv6
/// twins <c>ip6tables-save</c> and <c>ip6tables-legacy-save</c> when an IPv6 question is asked, and
/// <c>nft -j list ruleset</c> (native nft tables, ip, ip6 and inet). A tool that is missing or fails becomes a note, never an
/// exception. Needs root to read the rules.
/// </summary>
public sealed partial class FirewallInspector(ICommandRunner runner, string? networkNamespace = null)
{
    public async Task<FirewallReport> CheckAsync(IReadOnlyList<FirewallQuestion> questions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(questions);
        foreach (var question in questions)
        {
            if (question.Port is < 1 or > PortRange.Highest || question.LastPort < question.Port || question.LastPort > PortRange.Highest)
            {
                throw new ArgumentException($"The question '{question.Why}' asks about ports {question.Port}-{question.LastPort}; ports are 1 to 65535, first to last.", nameof(questions));
            }
        }

        var notes = new List<string>();
        if (runner.DryRun)
        {
            notes.Add("Dry run: the firewall was not read, so nothing is known about it.");
            return new FirewallReport(questions, [], [], notes);
        }

        var read = new List<FirewallTool>();
        var tables = new List<FirewallTable>();
        tables.AddRange(await ReadIptablesAsync(FirewallTool.Iptables, read, notes, cancellationToken).ConfigureAwait(false));
        tables.AddRange(await ReadIptablesAsync(FirewallTool.IptablesLegacy, read, notes, cancellationToken).ConfigureAwait(false));
        if (questions.Any(q => q.Family == IpFamily.Ipv6))
        {
            tables.AddRange(await ReadIptablesAsync(FirewallTool.Ip6tables, read, notes, cancellationToken).ConfigureAwait(false));
            tables.AddRange(await ReadIptablesAsync(FirewallTool.Ip6tablesLegacy, read, notes, cancellationToken).ConfigureAwait(false));
        }

        var shown = tables.Where(t => t.Tool is FirewallTool.Iptables or FirewallTool.Ip6tables)
            .Select(t => (t.Tool == FirewallTool.Iptables ? "ip" : "ip6", t.Name)).ToHashSet();
        tables.AddRange(await ReadNftAsync(shown, read, notes, cancellationToken).ConfigureAwait(false));
        await NoteBridgeFilteringAsync(questions.Any(q => q.Direction == TrafficDirection.Forwarded), notes, cancellationToken).ConfigureAwait(false);

        var findings = FirewallEvaluation.Evaluate(tables, questions, networkNamespace, notes);
        return new FirewallReport(questions, findings, read, [.. notes.Distinct()]);
    }
}
