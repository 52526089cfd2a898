using PxeKit.Diagnostics.Firewall;

namespace PxeKit.Diagnostics.Tests.Firewall;

public sealed class IptablesSaveParserTests
{
    private static readonly FirewallTable Filter = Assert.Single(IptablesSaveParser.Parse(FirewallCaptures.IptablesSave, FirewallTool.Iptables));

    [Fact]
    public void Chains_keep_their_order_policies_hooks_and_rule_numbers()
    {
        Assert.Equal(["INPUT", "FORWARD", "OUTPUT", "MYCHAIN"], Filter.Chains.Select(c => c.Name));
        var input = Filter.Find("INPUT")!;
        Assert.Equal(("input", "drop", ":INPUT DROP [0:0]"), (input.Hook, input.Policy, input.PolicyText));
        Assert.Equal(Enumerable.Range(1, 9), input.Rules.Select(r => r.Position));
        Assert.Equal((null, null), (Filter.Find("MYCHAIN")!.Hook, Filter.Find("MYCHAIN")!.Policy));
    }

    [Fact]
    public void The_rule_text_is_the_line_and_the_specification_deletes_it()
    {
        var rule = Filter.Find("INPUT")!.Rules[1];

        Assert.Equal("-A INPUT -p udp -m udp --dport 60:70 -j REJECT --reject-with icmp-port-unreachable", rule.Text);
        Assert.Equal(["-p", "udp", "-m", "udp", "--dport", "60:70", "-j", "REJECT", "--reject-with", "icmp-port-unreachable"], rule.Specification);
        Assert.Equal(RuleAction.Reject, rule.Action);
    }

    [Fact]
    public void Quoted_comments_are_one_word_and_test_nothing()
    {
        var rule = Filter.Find("INPUT")!.Rules[8];

        Assert.Contains("my \"x\" rule", rule.Specification);
        Assert.DoesNotContain(rule.Conditions, c => c is OpaqueCondition);
    }

    [Fact]
    public void Jumps_to_user_chains_and_unknown_options_are_told_apart()
    {
        var jump = Filter.Find("INPUT")!.Rules[5];

        Assert.Equal((RuleAction.Jump, "MYCHAIN"), (jump.Action, jump.Target));
        Assert.Equal(["-i eth0"], jump.Conditions.Select(c => c.Text));
    }

    [Fact]
    public void The_backend_is_read_from_the_header()
    {
        Assert.True(IptablesSaveParser.IsNfTablesBackend(FirewallCaptures.IptablesSave));
        Assert.False(IptablesSaveParser.IsNfTablesBackend(FirewallCaptures.IptablesLegacySave));
    }

    [Theory]
    [InlineData("-A INPUT -m comment --comment \"a \\\\ b\" -j DROP", new[] { "-A", "INPUT", "-m", "comment", "--comment", "a \\ b", "-j", "DROP" })]
    [InlineData("  -A   X  ", new[] { "-A", "X" })]
    [InlineData("--comment \"\"", new[] { "--comment", "" })]
    public void Words_split_like_iptables_restore(string line, string[] words) =>
        Assert.Equal(words, IptablesWords.Split(line));
}
