using System.Text;
using PxeKit.Core.Events;
using PxeKit.Core.Processes;
using PxeKit.Diagnostics.Firewall;

namespace PxeKit.Diagnostics.Verdicts;

/// <summary>What to say about the host's firewall when requests vanish between the wire and the socket.</summary>
public static class FirewallExplanation
{
    /// <summary>
    /// The rules of this host (this network namespace) that drop one kind of PxeKit's traffic, and the commands that fix
    /// them: what serve says when requests vanish between the wire and the socket, or TFTP's answers do not get back.
    /// </summary>
    public static async Task<FirewallAdvice> ForAsync(HostTraffic traffic, CancellationToken cancellationToken)
    {
        // DHCPv6 and ICMPv6 exist over IPv6 alone; the rest is asked over IPv4, as serve's capture watches it.
        var family = traffic is HostTraffic.Dhcp6In or HostTraffic.Dhcp6Out or HostTraffic.NeighborDiscovery or HostTraffic.RouterDiscovery
            ? IpFamily.Ipv6
            : IpFamily.Ipv4;
        var questions = Questions(traffic, httpPort: 80, EphemeralPorts.Read(), family);
        var report = await new FirewallInspector(new ProcessCommandRunner()).CheckAsync(questions, cancellationToken).ConfigureAwait(false);
        return Describe(report, questions);
    }

    /// <summary>
    /// The questions that ask the firewall about <paramref name="traffic"/> (<see cref="FirewallQuestion.ForPxeServer"/>'s,
    /// or over IPv6 <see cref="FirewallQuestion.ForPxeServerIpv6"/>'s, with the HTTP port). TFTP's return path is asked as
    /// it runs: data out from this host's ephemeral ports, which conntrack counts as NEW, and the acknowledgments back in to them.
    /// </summary>
    public static IReadOnlyList<FirewallQuestion> Questions(HostTraffic traffic, int httpPort, (int First, int Last) ephemeral, IpFamily family = IpFamily.Ipv4)
    {
        if (traffic == HostTraffic.TftpOut)
        {
            return [.. TftpReturnPath(ephemeral).Select(q => q with { Family = family })];
        }

        var all = family == IpFamily.Ipv6 ? FirewallQuestion.ForPxeServerIpv6(routerAdvertisements: true) : FirewallQuestion.ForPxeServer();
        return [.. all.Where(q => q.Traffic == traffic)
            .Select(q => q.Protocol == TransportProtocol.Tcp ? q with { Port = httpPort, LastPort = httpPort } : q)];
    }

    /// <summary>What the rules of <paramref name="report"/> do to the traffic of <paramref name="questions"/>, and the commands that change it.</summary>
    public static FirewallAdvice Describe(FirewallReport report, IReadOnlyList<FirewallQuestion> questions)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(questions);
        var dropped = questions.Where(q => report.For(q).Count > 0).ToList();
        if (dropped.Count == 0)
        {
            return Describe(report, questions[0]);
        }

        var each = dropped.Select(q => Describe(report, q)).ToList();
        return new FirewallAdvice(string.Join(" ", each.Select(a => a.Seen)), string.Join("; ", each.Select(a => a.Fix)));
    }

    /// <summary>TFTP data out from an ephemeral port to the client, and the client's ACKs back in to that port.</summary>
    public static IReadOnlyList<FirewallQuestion> TftpReturnPath((int First, int Last) ephemeral) =>
    [
        new(TransportProtocol.Udp, 1024, TrafficDirection.Outgoing, "TFTP data from PxeKit (sent from a new port, not 69)")
        {
            LastPort = PortRange.Highest,
            SourcePort = ephemeral.First,
            Traffic = HostTraffic.TftpOut,
        },
        new(TransportProtocol.Udp, ephemeral.First, TrafficDirection.Incoming, "TFTP acknowledgments from clients to PxeKit's transfer port")
        {
            LastPort = ephemeral.Last,
            State = ConnectionState.Established,
            Traffic = HostTraffic.TftpOut,
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
