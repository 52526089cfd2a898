using PxeKit.Diagnostics.Firewall;

namespace PxeKit.Diagnostics.Tests.Firewall;

/// <summary>The chain walk over captured rule sets: first certain verdict wins, conditions and earlier accepts are said.</summary>
public sealed class FirewallEvaluationTests
{
    private static readonly FirewallQuestion Dhcp = FirewallQuestion.ForPxeServer()[0];
    private static readonly FirewallQuestion Http = FirewallQuestion.ForPxeServer()[3];
    private static readonly FirewallQuestion TftpData = FirewallQuestion.ForPxeServer()[5];

    private static IReadOnlyList<FirewallFinding> Evaluate(string iptablesSave, params FirewallQuestion[] questions) =>
        FirewallEvaluation.Evaluate(IptablesSaveParser.Parse(iptablesSave, FirewallTool.Iptables), questions, null, []);

    private static IReadOnlyList<FirewallFinding> EvaluateNft(params FirewallQuestion[] questions) =>
        FirewallEvaluation.Evaluate(NftJsonParser.Parse(FirewallCaptures.NftJson, NftRuleTexts.Parse(FirewallCaptures.NftListing), []), questions, "pxkf-x", []);

    [Fact]
    public void The_first_matching_drop_ends_the_walk()
    {
        var finding = Assert.Single(Evaluate(FirewallCaptures.IptablesSave, Dhcp));

        Assert.Equal((1, true), (finding.Position, finding.Certain));
        Assert.Equal("iptables -t filter -D INPUT -p udp -m udp --dport 67 -j DROP", finding.RemoveCommand.ToShell());
    }

    [Fact]
    public void A_conditional_jump_gives_a_conditional_drop_then_the_walk_goes_on_to_the_next_certain_one()
    {
        var findings = Evaluate(FirewallCaptures.IptablesSave, Http);

        Assert.Equal([("MYCHAIN", false), ("INPUT", true)], findings.Select(f => (f.Chain, f.Certain)));
        Assert.Equal(["-i eth0"], findings[0].Conditions);
        Assert.Equal("-A INPUT -p tcp -m comment --comment \"my \\\"x\\\" rule\" -m tcp --dport 80 -j DROP", findings[1].Rule);
        Assert.Equal("iptables -t filter -D INPUT -p tcp -m comment --comment 'my \"x\" rule' -m tcp --dport 80 -j DROP", findings[1].RemoveCommand.ToShell());
    }

    [Fact]
    public void Outgoing_questions_walk_output_and_a_range_question_is_partly_matched()
    {
        var findings = Evaluate(FirewallCaptures.IptablesSave, FirewallQuestion.ForPxeServer()[4], TftpData);

        Assert.Equal([(68, true)], findings.Select(f => (f.Question.Port, f.Certain)));
        var partial = Assert.Single(Evaluate("*filter\n:OUTPUT ACCEPT [0:0]\n-A OUTPUT -p udp --dport 5000:6000 -j DROP\nCOMMIT\n", TftpData));
        Assert.Equal((false, "iptables -t filter -I OUTPUT -p udp --dport 1024:65535 -j ACCEPT"), (partial.Certain, partial.OpenCommand.ToShell()));
    }

    [Fact]
    public void Loopback_accepts_do_not_make_a_drop_uncertain_and_nft_handles_are_in_the_commands()
    {
        var finding = Assert.Single(EvaluateNft(Dhcp));

        Assert.Equal((8, true, "inet filter"), (finding.Position, finding.Certain, finding.Table));
        Assert.Equal("ip netns exec pxkf-x nft delete rule inet filter input handle 8", finding.RemoveCommand.ToShell());
        Assert.Equal("ip netns exec pxkf-x nft insert rule inet filter input udp dport 67 accept", finding.OpenCommand.ToShell());
    }

    [Fact]
    public void Anonymous_sets_ranges_th_and_named_sets_match()
    {
        var tftp = FirewallQuestion.ForPxeServer()[1];

        Assert.Equal(10, Assert.Single(EvaluateNft(tftp)).Position);
        Assert.Equal((12, FirewallVerdict.Reject), Assert.Single(EvaluateNft(FirewallQuestion.ForPxeServer()[2])) is var f ? (f.Position, f.Verdict) : default);
        Assert.Equal(17, Assert.Single(EvaluateNft(new FirewallQuestion(TransportProtocol.Tcp, 81, TrafficDirection.Incoming, "x"))).Position);

        // goto mine (udp only) never comes back: the base chain's policy decides before `tcp dport 80 accept`.
        Assert.True(Assert.Single(EvaluateNft(Http)).IsPolicy);
    }

    [Fact]
    public void Established_packets_pass_a_ct_state_accept_and_forwarded_ones_meet_the_forward_policy()
    {
        var renew = Dhcp with { State = ConnectionState.Established };
        var forwarded = Dhcp with { Direction = TrafficDirection.Forwarded };

        Assert.Empty(EvaluateNft(renew));
        var policy = Assert.Single(EvaluateNft(forwarded));
        Assert.Equal((true, "forwarding", "ip netns exec pxkf-x nft chain inet filter forwarding '{ policy accept; }'"), (policy.IsPolicy, policy.Chain, policy.RemoveCommand.ToShell()));
    }

    [Fact]
    public void An_unknown_jump_target_is_a_note_and_makes_later_drops_uncertain()
    {
        var notes = new List<string>();
        var table = new FirewallTable(FirewallTool.Nft, "inet", "t", [new FirewallChain("input", "input", "drop", "policy drop;", [new FirewallRule("jump gone", 3, [], RuleAction.Jump, "gone", [])])]);

        var finding = Assert.Single(FirewallEvaluation.Evaluate([table], [Dhcp], null, notes));

        Assert.False(finding.Certain);
        Assert.Contains(notes, n => n.Contains("`jump gone` was not followed", StringComparison.Ordinal));
    }

    [Fact]
    public void Port_sets_cover_a_range_only_when_their_union_does()
    {
        var set = new PortSet([new PortRange(1024, 30000), new PortRange(30001, 65535)], Negated: false);

        Assert.Equal(RuleMatch.Always, set.Match(new PortRange(1024, 65535)));
        Assert.Equal(RuleMatch.Maybe, set.Match(new PortRange(1000, 2000)));
        Assert.Equal(RuleMatch.Never, (set with { Negated = true }).Match(new PortRange(2000, 2000)));
    }
}
