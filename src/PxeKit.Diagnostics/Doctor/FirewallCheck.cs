using PxeKit.Core.Processes;
using PxeKit.Diagnostics.Firewall;

namespace PxeKit.Diagnostics.Doctor;

/// <summary>
/// The host's firewall (iptables, iptables-legacy and nft rule sets) evaluated for what a PXE server needs:
/// DHCP, TFTP, port 4011 and HTTP in, DHCP replies and TFTP data out; on a bridge with bridge netfilter on,
/// the same traffic forwarded. Each rule that drops it is named with the command that removes it.
/// </summary>
public sealed class FirewallCheck(ICommandRunner? runner = null) : IDoctorCheck
{
    private readonly ICommandRunner _runner = runner ?? new ProcessCommandRunner();

    public string Name => "firewall";

    public async Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var questions = Questions(subject).ToList();
        var report = await new FirewallInspector(_runner).CheckAsync(questions, cancellationToken).ConfigureAwait(false);
        var findings = new List<DoctorFinding>();
        foreach (var question in questions)
        {
            var drops = report.For(question);
            if (drops.Count == 0)
            {
                if (question.Direction != TrafficDirection.Forwarded)
                {
                    findings.Add(DoctorFinding.Ok(Name, $"Nothing in {Tools(report)} drops {question.Why} ({question.Describe()})."));
                }

                continue;
            }

            foreach (var drop in drops)
            {
                var fix = $"{drop.RemoveCommand.ToShell()}  (or let it through ahead of the rule: {drop.OpenCommand.ToShell()})";
                if (question.Port == 1024 && question.Direction == TrafficDirection.Outgoing)
                {
                    fix += "; or keep the rule and mark TFTP data as RELATED with the conntrack helper: modprobe nf_conntrack_tftp && "
                        + "iptables -t raw -A PREROUTING -p udp --dport 69 -j CT --helper tftp";
                }

                var summary = drop.Certain
                    ? drop.Explanation
                    : $"{drop.Explanation.TrimEnd('.')} (not certain: {string.Join("; ", drop.Conditions.Concat(drop.EarlierRules))}).";
                findings.Add(new DoctorFinding(Name, drop.Certain ? DoctorSeverity.Error : DoctorSeverity.Warning, summary, fix));
            }
        }

        findings.AddRange(report.Notes.Select(note => DoctorFinding.Info(Name, note)));
        return findings;
    }

    private static string Tools(FirewallReport report) =>
        report.ToolsRead.Count == 0 ? "the firewall (no rule set could be read)" : string.Join(", ", report.ToolsRead.Select(t => t.Program()));

    /// <summary>PxeKit's own traffic, with the configured HTTP port; forwarded too when the interface is a bridge that feeds iptables.</summary>
    private static IEnumerable<FirewallQuestion> Questions(DoctorSubject subject)
    {
        var own = FirewallQuestion.ForPxeServer()
            .Where(q => q.Protocol != TransportProtocol.Tcp || subject.HttpPort is not null)
            .Select(q => q.Protocol == TransportProtocol.Tcp && subject.HttpPort is int port ? q with { Port = port, LastPort = port } : q)
            .ToList();
        if (subject.Interface is { } name && BridgeNetfilter.FeedsIptables(name))
        {
            own.AddRange(own.Select(q => q with { Direction = TrafficDirection.Forwarded }).ToList());
        }

        return own;
    }
}
