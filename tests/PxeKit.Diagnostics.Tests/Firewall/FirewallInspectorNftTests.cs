using PxeKit.Core.Processes;
using PxeKit.Diagnostics.Firewall;

namespace PxeKit.Diagnostics.Tests.Firewall;

/// <summary>The inspector against real native nft tables, each test in a namespace of its own.</summary>
[Trait("Category", "Integration")]
public sealed class FirewallInspectorNftTests : IAsyncLifetime
{
    private FirewallNamespace _namespace = null!;

    public async Task InitializeAsync()
    {
        _namespace = await FirewallNamespace.CreateAsync();
        await _namespace.RunAsync("nft", "add", "table", "inet", "filter");
        await _namespace.RunAsync("nft", "add", "chain", "inet", "filter", "input", "{ type filter hook input priority 0; policy accept; }");
    }

    public async Task DisposeAsync() => await _namespace.DisposeAsync();

    [HostFact]
    public async Task Udp_67_drop_in_inet_filter_is_found_by_handle_and_the_delete_command_removes_it()
    {
        await _namespace.RunAsync("nft", "add", "rule", "inet", "filter", "input", "udp", "dport", "67", "drop");

        var finding = Assert.Single((await CheckAsync()).Findings);

        Assert.Equal((FirewallTool.Nft, "inet filter", "input", "udp dport 67 drop", 67), (finding.Tool, finding.Table, finding.Chain, finding.Rule, finding.Question.Port));
        Assert.True(finding.Position > 0);
        Assert.Equal($"ip netns exec {_namespace.Name} nft delete rule inet filter input handle {finding.Position}", finding.RemoveCommand.ToShell());
        Assert.Equal($"ip netns exec {_namespace.Name} nft insert rule inet filter input udp dport 67 accept", finding.OpenCommand.ToShell());
        Assert.StartsWith("The rule `udp dport 67 drop` (handle ", finding.Explanation, StringComparison.Ordinal);

        await _namespace.RunAsIsAsync(finding.RemoveCommand);
        Assert.Empty((await CheckAsync()).Findings);
    }

    [HostFact]
    public async Task Anonymous_sets_ranges_and_th_dport_are_evaluated()
    {
        await _namespace.RunAsync("nft", "add", "rule", "inet", "filter", "input", "udp", "dport", "{ 69, 4000-4100 }", "reject");
        await _namespace.RunAsync("nft", "add", "rule", "inet", "filter", "input", "th", "dport", "80", "drop");

        var findings = (await CheckAsync()).Findings;

        Assert.Equal([(69, FirewallVerdict.Reject), (4011, FirewallVerdict.Reject), (80, FirewallVerdict.Drop)], findings.Select(f => (f.Question.Port, f.Verdict)));
    }

    [HostFact]
    public async Task Policy_drop_after_ct_state_and_a_port_accept_names_the_policy_and_its_fix()
    {
        await _namespace.RunAsync("nft", "add", "rule", "inet", "filter", "input", "ct", "state", "established,related", "accept");
        await _namespace.RunAsync("nft", "add", "rule", "inet", "filter", "input", "udp", "dport", "{ 67, 69, 4011 }", "accept");
        await _namespace.RunAsync("nft", "chain", "inet", "filter", "input", "{ policy drop; }");

        var finding = Assert.Single((await CheckAsync()).Findings);

        Assert.Equal((80, true), (finding.Question.Port, finding.IsPolicy));
        Assert.Equal("type filter hook input priority filter; policy drop;", finding.Rule);
        await _namespace.RunAsIsAsync(finding.OpenCommand);
        Assert.Empty((await CheckAsync()).Findings);
    }

    [HostFact]
    public async Task A_drop_behind_an_address_match_is_reported_as_conditional()
    {
        await _namespace.RunAsync("nft", "add", "rule", "inet", "filter", "input", "ip", "saddr", "10.0.0.0/8", "udp", "dport", "67", "drop");

        var finding = Assert.Single((await CheckAsync()).Findings);

        Assert.False(finding.Certain);
        Assert.Equal(["ip saddr 10.0.0.0/8"], finding.Conditions);
        Assert.Contains("when the packet also matches `ip saddr 10.0.0.0/8`", finding.Explanation, StringComparison.Ordinal);
    }

    private async Task<FirewallReport> CheckAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var report = await new FirewallInspector(new ProcessCommandRunner(), _namespace.Name).CheckAsync(FirewallQuestion.ForPxeServer(), bound.Token);
        Assert.Contains(FirewallTool.Nft, report.ToolsRead);
        return report;
    }
}
