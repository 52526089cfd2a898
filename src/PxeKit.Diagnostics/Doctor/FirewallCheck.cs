using PxeKit.Core.Events;
using PxeKit.Core.Processes;
using PxeKit.Diagnostics.Firewall;
using PxeKit.Diagnostics.Verdicts;

namespace PxeKit.Diagnostics.Doctor;

/// <summary>
/// The host's firewall (iptables, iptables-legacy and nft rule sets) read for what a PXE server needs, in both
/// directions: DHCP, TFTP, port 4011 and HTTP in; DHCP replies and TFTP's return path (data from a new port out, the
/// acknowledgments back) out; when serve answers DHCPv6, the IPv6 rule sets (ip6tables, nft ip6 and inet) for DHCPv6
/// both ways, TFTP and HTTP over IPv6, ICMPv6 neighbour discovery, and router discovery when PxeKit advertises; on a
/// bridge with bridge netfilter on, the same traffic forwarded. Each kind of traffic is
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
        foreach (var kind in questions.GroupBy(q => (q.Traffic, Forwarded: q.Question.Direction == TrafficDirection.Forwarded, q.Question.Family)))
        {
            var dropped = kind.Where(q => report.For(q.Question).Count > 0).Select(q => q.Question).ToList();
            var facts = new FirewallFacts { Traffic = kind.Key.Traffic, Forwarded = kind.Key.Forwarded, Family = kind.Key.Family };
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

            var detail = $"{facts.Traffic}{(facts.Family == IpFamily.Ipv6 ? " IPv6" : "")}{(facts.Forwarded ? " forwarded" : "")}: {(facts.Drops ? "dropped" : "let through")}";
            evidence.Add(HostEvidence.Of(BootStep.HostFirewall) with { Firewall = facts, Detail = detail });
        }

        observations.AddRange(report.Notes.Select(note => HostObservation.Info(Name, note)));
        return new CheckResult(observations, evidence);
    }

    private static string Tools(FirewallReport report) =>
        report.ToolsRead.Count == 0 ? "the firewall (no rule set could be read)" : string.Join(", ", report.ToolsRead.Select(t => t.Program()));

    /// <summary>
    /// PxeKit's own traffic, with the configured HTTP port and TFTP's return path as serve asks it; over IPv6 too when
    /// serve answers DHCPv6; forwarded too when the interface is a bridge that feeds iptables.
    /// </summary>
    private IEnumerable<(HostTraffic Traffic, FirewallQuestion Question)> Questions(DoctorSubject subject)
    {
        var ephemeral = _ephemeral();
        HostTraffic[] ipv4 = [HostTraffic.DhcpIn, HostTraffic.TftpIn, HostTraffic.BootServerIn, HostTraffic.HttpIn, HostTraffic.DhcpOut, HostTraffic.TftpOut];
        var own = Ask(ipv4, IpFamily.Ipv4).ToList();
        if (subject.Dhcp6)
        {
            HostTraffic[] ipv6 = [HostTraffic.Dhcp6In, HostTraffic.TftpIn, HostTraffic.HttpIn, HostTraffic.Dhcp6Out, HostTraffic.TftpOut, HostTraffic.NeighborDiscovery];
            own.AddRange(Ask(subject.RouterAdvertisements ? [.. ipv6, HostTraffic.RouterDiscovery] : ipv6, IpFamily.Ipv6));
        }

        if (subject.Interface is { } name && BridgeNetfilter.FeedsIptables(name))
        {
            own.AddRange(own.Select(q => (q.Traffic, q.Question with { Direction = TrafficDirection.Forwarded })).ToList());
        }

        return own;

        IEnumerable<(HostTraffic Traffic, FirewallQuestion Question)> Ask(IEnumerable<HostTraffic> kinds, IpFamily family) => kinds
            .Where(t => t != HostTraffic.HttpIn || subject.HttpPort is not null)
            .SelectMany(t => FirewallExplanation.Questions(t, subject.HttpPort ?? 80, ephemeral, family).Select(q => (t, q)));
    }
}
