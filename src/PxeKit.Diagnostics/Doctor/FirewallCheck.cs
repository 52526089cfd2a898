using PxeKit.Core.Events;
using PxeKit.Core.Processes;
using PxeKit.Diagnostics.Firewall;
using PxeKit.Diagnostics.Verdicts;

namespace PxeKit.Diagnostics.Doctor;

/// <summary>
/// The host's firewall (iptables, iptables-legacy and nft rule sets) read for what a PXE server needs, in both
/// directions: DHCP, TFTP, port 4011 and HTTP in; DHCP replies and TFTP's return path (data from a new port out, the
/// acknowledgments back) out; on a bridge with bridge netfilter on, the same traffic forwarded. Each kind of traffic is
/// one event, with the rules that drop it and the commands that let it through, in the words serve uses.
/// </summary>
public sealed class FirewallCheck(ICommandRunner? runner = null, Func<(int First, int Last)>? ephemeralPorts = null) : IDoctorCheck
{
    private readonly ICommandRunner _runner = runner ?? new ProcessCommandRunner();
    private readonly Func<(int First, int Last)> _ephemeral = ephemeralPorts ?? EphemeralPorts.Read;

    public string Name => "firewall";

    public async Task<CheckResult> RunAsync(DoctorSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var questions = Questions(subject).ToList();
        var report = await new FirewallInspector(_runner).CheckAsync([.. questions.Select(q => q.Question)], cancellationToken).ConfigureAwait(false);
        var observations = new List<HostObservation>();
        var evidence = new List<BootEvent>();
        foreach (var kind in questions.GroupBy(q => (q.Traffic, q.Question.Direction == TrafficDirection.Forwarded)))
        {
            var dropped = kind.Where(q => report.For(q.Question).Count > 0).Select(q => q.Question).ToList();
            var facts = new FirewallFacts { Traffic = kind.Key.Traffic, Forwarded = kind.Key.Item2 };
            if (dropped.Count == 0)
            {
                if (!facts.Forwarded)
                {
                    observations.AddRange(kind.Select(q => HostObservation.Ok(Name, $"Nothing in {Tools(report)} drops {q.Question.Why} ({q.Question.Describe()}).")));
                }
            }
            else
            {
                var advice = FirewallExplanation.Describe(report, [.. kind.Select(q => q.Question)]);
                facts = facts with
                {
                    Drops = true,
                    Certain = dropped.All(q => report.For(q).All(f => f.Certain)),
                    Rules = advice.Seen,
                    Fix = advice.Fix,
                };
            }

            evidence.Add(HostEvidence.Of(BootStep.HostFirewall) with { Firewall = facts, Detail = $"{facts.Traffic}{(facts.Forwarded ? " forwarded" : "")}: {(facts.Drops ? "dropped" : "let through")}" });
        }

        observations.AddRange(report.Notes.Select(note => HostObservation.Info(Name, note)));
        return new CheckResult(observations, evidence);
    }

    private static string Tools(FirewallReport report) =>
        report.ToolsRead.Count == 0 ? "the firewall (no rule set could be read)" : string.Join(", ", report.ToolsRead.Select(t => t.Program()));

    /// <summary>
    /// PxeKit's own traffic, with the configured HTTP port and TFTP's return path as serve asks it; forwarded too when
    /// the interface is a bridge that feeds iptables.
    /// </summary>
    private IEnumerable<(HostTraffic Traffic, FirewallQuestion Question)> Questions(DoctorSubject subject)
    {
        var ephemeral = _ephemeral();
        var own = Enum.GetValues<HostTraffic>()
            .Where(t => t != HostTraffic.HttpIn || subject.HttpPort is not null)
            .SelectMany(t => FirewallExplanation.Questions(t, subject.HttpPort ?? 80, ephemeral).Select(q => (t, q)))
            .ToList();
        if (subject.Interface is { } name && BridgeNetfilter.FeedsIptables(name))
        {
            own.AddRange(own.Select(q => (q.t, q.q with { Direction = TrafficDirection.Forwarded })).ToList());
        }

        return own;
    }
}
