using PxeKit.Core.Processes;
using PxeKit.Diagnostics.Firewall;

namespace PxeKit.Diagnostics.Tests.Firewall;

/// <summary>The inspector against real iptables (nf_tables backend) rules, each test in a namespace of its own.</summary>
[Trait("Category", "Integration")]
public sealed class FirewallInspectorIptablesTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private FirewallNamespace _namespace = null!;

    public async Task InitializeAsync() => _namespace = await FirewallNamespace.CreateAsync();

    public async Task DisposeAsync() => await _namespace.DisposeAsync();

    private static FirewallQuestion Dhcp => FirewallQuestion.ForPxeServer()[0];

    [HostFact]
    public async Task A_clean_namespace_blocks_nothing_and_every_tool_was_read()
    {
        var report = await CheckAsync();

        Assert.Empty(report.Findings);
        Assert.Equal([FirewallTool.Iptables, FirewallTool.IptablesLegacy, FirewallTool.Nft], report.ToolsRead);
        Assert.DoesNotContain(report.Notes, n => n.Contains("not read", StringComparison.Ordinal));
    }

    /// <summary>The story PxeKit exists for: a DROP on UDP 67, an empty server log, machines that never boot.</summary>
    [HostFact]
    public async Task Regression_udp_67_drop_is_named_with_exact_commands_and_removing_it_clears_the_report()
    {
        await _namespace.RunAsync("iptables", "-A", "INPUT", "-p", "udp", "--dport", "67", "-j", "DROP");

        var finding = Assert.Single((await CheckAsync()).Findings);

        Assert.Equal(Dhcp, finding.Question);
        Assert.Equal((FirewallTool.Iptables, "filter", "INPUT", 1, FirewallVerdict.Drop, true), (finding.Tool, finding.Table, finding.Chain, finding.Position, finding.Verdict, finding.Certain));
        Assert.Equal("-A INPUT -p udp -m udp --dport 67 -j DROP", finding.Rule);
        Assert.Equal($"ip netns exec {_namespace.Name} iptables -t filter -D INPUT -p udp -m udp --dport 67 -j DROP", finding.RemoveCommand.ToShell());
        Assert.Equal($"ip netns exec {_namespace.Name} iptables -t filter -I INPUT -p udp --dport 67 -j ACCEPT", finding.OpenCommand.ToShell());
        Assert.Equal(
            "The rule `-A INPUT -p udp -m udp --dport 67 -j DROP` (rule 1 of chain INPUT) in iptables' filter table drops DHCP requests to PxeKit (UDP 67 in) before PxeKit's socket sees them.",
            finding.Explanation);

        await _namespace.RunAsIsAsync(finding.RemoveCommand);
        Assert.Empty((await CheckAsync()).Findings);
    }

    [HostFact]
    public async Task The_open_command_lets_the_traffic_by_while_the_drop_rule_stays()
    {
        await _namespace.RunAsync("iptables", "-A", "INPUT", "-p", "udp", "--dport", "67", "-j", "DROP");
        var finding = Assert.Single((await CheckAsync()).Findings);

        await _namespace.RunAsIsAsync(finding.OpenCommand);

        Assert.Empty((await CheckAsync()).Findings);
    }

    [HostFact]
    public async Task Reject_is_found_as_reject()
    {
        await _namespace.RunAsync("iptables", "-A", "INPUT", "-p", "udp", "--dport", "69", "-j", "REJECT");

        var finding = Assert.Single((await CheckAsync()).Findings);

        Assert.Equal((69, FirewallVerdict.Reject), (finding.Question.Port, finding.Verdict));
        Assert.Equal("-A INPUT -p udp -m udp --dport 69 -j REJECT --reject-with icmp-port-unreachable", finding.Rule);
        await _namespace.RunAsIsAsync(finding.RemoveCommand);
        Assert.Empty((await CheckAsync()).Findings);
    }

    [HostFact]
    public async Task A_port_range_covers_dhcp_and_tftp_but_not_4011()
    {
        await _namespace.RunAsync("iptables", "-A", "INPUT", "-p", "udp", "--dport", "60:70", "-j", "DROP");

        var findings = (await CheckAsync()).Findings;

        Assert.Equal([67, 69], findings.Select(f => f.Question.Port));
        Assert.All(findings, f => Assert.Equal("-A INPUT -p udp -m udp --dport 60:70 -j DROP", f.Rule));
    }

    [HostFact]
    public async Task Multiport_is_found_for_each_listed_port()
    {
        await _namespace.RunAsync("iptables", "-A", "INPUT", "-p", "udp", "-m", "multiport", "--dports", "67,4011", "-j", "DROP");

        var findings = (await CheckAsync()).Findings;

        Assert.Equal([67, 4011], findings.Select(f => f.Question.Port));
        await _namespace.RunAsIsAsync(findings[0].RemoveCommand);
        Assert.Empty((await CheckAsync()).Findings);
    }

    [HostFact]
    public async Task An_accept_earlier_in_the_chain_wins()
    {
        await _namespace.RunAsync("iptables", "-A", "INPUT", "-p", "udp", "--dport", "67", "-j", "ACCEPT");
        await _namespace.RunAsync("iptables", "-A", "INPUT", "-p", "udp", "--dport", "67", "-j", "DROP");

        Assert.Empty((await CheckAsync()).Findings);
    }

    [HostFact]
    public async Task Input_policy_drop_without_an_accept_is_found_for_every_incoming_port_but_the_accepted_one()
    {
        await _namespace.RunAsync("iptables", "-A", "INPUT", "-p", "tcp", "--dport", "80", "-j", "ACCEPT");
        await _namespace.RunAsync("iptables", "-P", "INPUT", "DROP");

        var findings = (await CheckAsync()).Findings;

        Assert.Equal([67, 69, 4011], findings.Select(f => f.Question.Port));
        Assert.All(findings, f => Assert.True(f.IsPolicy));
        Assert.Equal(":INPUT DROP [0:0]", findings[0].Rule);
        Assert.Equal($"ip netns exec {_namespace.Name} iptables -t filter -P INPUT ACCEPT", findings[0].RemoveCommand.ToShell());
        await _namespace.RunAsIsAsync(findings[0].OpenCommand);
        Assert.Equal([69, 4011], (await CheckAsync()).Findings.Select(f => f.Question.Port));
    }

    [HostFact]
    public async Task A_drop_in_a_user_chain_is_found_through_the_jump()
    {
        await _namespace.RunAsync("iptables", "-N", "PXKF-USER");
        await _namespace.RunAsync("iptables", "-A", "PXKF-USER", "-p", "udp", "--dport", "4011", "-j", "DROP");
        await _namespace.RunAsync("iptables", "-A", "INPUT", "-j", "PXKF-USER");

        var finding = Assert.Single((await CheckAsync()).Findings);

        Assert.Equal(("PXKF-USER", "INPUT", 4011, true), (finding.Chain, finding.BaseChain, finding.Question.Port, finding.Certain));
        Assert.Contains("reached from INPUT through `-A INPUT -j PXKF-USER`", finding.Explanation, StringComparison.Ordinal);
        await _namespace.RunAsIsAsync(finding.RemoveCommand);
        Assert.Empty((await CheckAsync()).Findings);
    }

    /// <summary>ESTABLISHED,RELATED accepts replies, but a DHCP OFFER and the first TFTP DATA are NEW to conntrack.</summary>
    [HostFact]
    public async Task Output_policy_drop_with_a_conntrack_accept_blocks_new_replies_but_not_established_ones()
    {
        await _namespace.RunAsync("iptables", "-A", "OUTPUT", "-m", "state", "--state", "RELATED,ESTABLISHED", "-j", "ACCEPT");
        await _namespace.RunAsync("iptables", "-P", "OUTPUT", "DROP");
        var established = new FirewallQuestion(TransportProtocol.Udp, 68, TrafficDirection.Outgoing, "a DHCP ACK to a renewing client") { State = ConnectionState.Established };

        var report = await CheckAsync([.. FirewallQuestion.ForPxeServer(), established]);

        Assert.Equal([68, 1024], report.Findings.Select(f => f.Question.Port));
        Assert.All(report.Findings, f => Assert.Equal("OUTPUT", f.Chain));
        Assert.Empty(report.For(established));
    }

    [HostFact]
    public async Task Legacy_iptables_rules_are_a_separate_rule_set_and_are_found_too()
    {
        await _namespace.RunAsync("iptables-legacy", "-A", "INPUT", "-p", "udp", "--dport", "69", "-j", "DROP");

        var finding = Assert.Single((await CheckAsync()).Findings);

        Assert.Equal((FirewallTool.IptablesLegacy, 69), (finding.Tool, finding.Question.Port));
        Assert.Equal($"ip netns exec {_namespace.Name} iptables-legacy -t filter -D INPUT -p udp -m udp --dport 69 -j DROP", finding.RemoveCommand.ToShell());
        await _namespace.RunAsIsAsync(finding.RemoveCommand);
        Assert.Empty((await CheckAsync()).Findings);
    }

    private Task<FirewallReport> CheckAsync() => CheckAsync(FirewallQuestion.ForPxeServer());

    private async Task<FirewallReport> CheckAsync(IReadOnlyList<FirewallQuestion> questions)
    {
        using var bound = new CancellationTokenSource(Bound);
        var report = await new FirewallInspector(new ProcessCommandRunner(), _namespace.Name).CheckAsync(questions, bound.Token);
        Assert.Equal([FirewallTool.Iptables, FirewallTool.IptablesLegacy, FirewallTool.Nft], report.ToolsRead);
        return report;
    }
}
