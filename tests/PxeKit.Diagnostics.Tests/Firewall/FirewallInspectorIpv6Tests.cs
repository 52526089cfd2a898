using PxeKit.Core.Events;
using PxeKit.Diagnostics.Firewall;

namespace PxeKit.Diagnostics.Tests.Firewall;

/// <summary>The inspector against real ip6tables and nft inet rules, each test in a namespace of its own.</summary>
[Trait("Category", "Integration")]
public sealed class FirewallInspectorIpv6Tests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly IReadOnlyList<FirewallQuestion> Questions = [.. FirewallQuestion.ForPxeServer(), .. FirewallQuestion.ForPxeServerIpv6(routerAdvertisements: true)];
    private static readonly FirewallQuestion Dhcp6In = Questions.Single(q => q.Traffic == HostTraffic.Dhcp6In);
    private FirewallNamespace _namespace = null!;

    public async Task InitializeAsync() => _namespace = await FirewallNamespace.CreateAsync("pxk-d6-");

    public async Task DisposeAsync() => await _namespace.DisposeAsync();

    [HostFact]
    public async Task A_clean_namespace_blocks_nothing_and_the_ipv6_tools_were_read()
    {
        var report = await CheckAsync();

        Assert.Empty(report.Findings);
        Assert.Equal([FirewallTool.Iptables, FirewallTool.IptablesLegacy, FirewallTool.Ip6tables, FirewallTool.Ip6tablesLegacy, FirewallTool.Nft], report.ToolsRead);
    }

    [HostFact]
    public async Task An_ip6tables_drop_of_udp_547_is_named_with_its_commands_and_removing_it_clears_the_report()
    {
        await _namespace.RunAsync("ip6tables", "-A", "INPUT", "-p", "udp", "--dport", "547", "-j", "DROP");

        var finding = Assert.Single((await CheckAsync()).Findings);

        Assert.Equal(Dhcp6In, finding.Question);
        Assert.Equal((FirewallTool.Ip6tables, "filter", "INPUT", 1, true), (finding.Tool, finding.Table, finding.Chain, finding.Position, finding.Certain));
        Assert.Equal("-A INPUT -p udp -m udp --dport 547 -j DROP", finding.Rule);
        Assert.Equal($"ip netns exec {_namespace.Name} ip6tables -t filter -D INPUT -p udp -m udp --dport 547 -j DROP", finding.RemoveCommand.ToShell());
        Assert.Equal(
            "The rule `-A INPUT -p udp -m udp --dport 547 -j DROP` (rule 1 of chain INPUT) in ip6tables' filter table drops DHCPv6 requests to PxeKit (UDP 547 in over IPv6) before PxeKit's socket sees them.",
            finding.Explanation);

        await _namespace.RunAsIsAsync(finding.RemoveCommand);
        Assert.Empty((await CheckAsync()).Findings);
    }

    [HostFact]
    public async Task An_ip6tables_drop_of_neighbour_solicitations_is_found_and_its_open_command_lets_them_by()
    {
        await _namespace.RunAsync("ip6tables", "-A", "INPUT", "-p", "ipv6-icmp", "--icmpv6-type", "neighbour-solicitation", "-j", "DROP");

        var finding = Assert.Single((await CheckAsync()).Findings);

        Assert.Equal((HostTraffic.NeighborDiscovery, 135, TrafficDirection.Incoming), (finding.Question.Traffic, finding.Question.Port, finding.Question.Direction));
        await _namespace.RunAsIsAsync(finding.OpenCommand);
        Assert.Empty((await CheckAsync()).Findings);
    }

    [HostFact]
    public async Task An_nft_inet_drop_of_udp_547_is_named_for_ipv6_only_and_deleting_it_by_handle_clears_the_report()
    {
        await _namespace.RunAsync("nft", "add", "table", "inet", "pxk");
        await _namespace.RunAsync("nft", "add", "chain", "inet", "pxk", "input", "{ type filter hook input priority 0; policy accept; }");
        await _namespace.RunAsync("nft", "add", "rule", "inet", "pxk", "input", "udp", "dport", "{ 67, 547 }", "drop");

        var findings = (await CheckAsync()).Findings;

        Assert.Equal([(IpFamily.Ipv4, 67), (IpFamily.Ipv6, 547)], findings.Select(f => (f.Question.Family, f.Question.Port)).Order());
        var v6 = findings.Single(f => f.Question == Dhcp6In);
        Assert.Equal((FirewallTool.Nft, "inet pxk", true), (v6.Tool, v6.Table, v6.Certain));
        Assert.Contains("in nft table inet pxk drops DHCPv6 requests to PxeKit (UDP 547 in over IPv6)", v6.Explanation, StringComparison.Ordinal);
        await _namespace.RunAsIsAsync(v6.RemoveCommand);
        Assert.Empty((await CheckAsync()).Findings);
    }

    [HostFact]
    public async Task An_nft_ip6_table_dropping_router_advertisements_out_is_found_and_an_ip_table_rule_on_547_is_not()
    {
        await _namespace.RunAsync("nft", "add", "table", "ip6", "pxk6");
        await _namespace.RunAsync("nft", "add", "chain", "ip6", "pxk6", "output", "{ type filter hook output priority 0; policy accept; }");
        await _namespace.RunAsync("nft", "add", "rule", "ip6", "pxk6", "output", "icmpv6", "type", "nd-router-advert", "drop");
        await _namespace.RunAsync("nft", "add", "table", "ip", "pxk4");
        await _namespace.RunAsync("nft", "add", "chain", "ip", "pxk4", "input", "{ type filter hook input priority 0; policy accept; }");
        await _namespace.RunAsync("nft", "add", "rule", "ip", "pxk4", "input", "udp", "dport", "547", "drop");

        var finding = Assert.Single((await CheckAsync()).Findings);

        Assert.Equal((HostTraffic.RouterDiscovery, 134, "ip6 pxk6"), (finding.Question.Traffic, finding.Question.Port, finding.Table));
        Assert.Equal($"ip netns exec {_namespace.Name} nft insert rule ip6 pxk6 output icmpv6 type 134 accept", finding.OpenCommand.ToShell());
        await _namespace.RunAsIsAsync(finding.OpenCommand);
        Assert.Empty((await CheckAsync()).Findings);
    }

    private async Task<FirewallReport> CheckAsync()
    {
        using var timeout = new CancellationTokenSource(Bound);
        return await new FirewallInspector(new Core.Processes.ProcessCommandRunner(), _namespace.Name).CheckAsync(Questions, timeout.Token);
    }
}
