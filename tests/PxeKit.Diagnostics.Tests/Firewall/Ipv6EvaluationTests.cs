using PxeKit.Core.Events;
using PxeKit.Diagnostics.Firewall;

namespace PxeKit.Diagnostics.Tests.Firewall;

/// <summary>ip6tables-save text and nft inet tables, asked PxeKit's IPv6 questions.</summary>
public sealed class Ipv6EvaluationTests
{
    private static readonly IReadOnlyList<FirewallQuestion> Ipv6 = FirewallQuestion.ForPxeServerIpv6(routerAdvertisements: true);
    private static readonly FirewallQuestion Dhcp6In = Ipv6.Single(q => q.Traffic == HostTraffic.Dhcp6In);
    private static readonly FirewallQuestion Dhcp4In = FirewallQuestion.ForPxeServer()[0];

    private static IReadOnlyList<FirewallTable> Ip6tables => IptablesSaveParser.Parse(Ipv6Captures.Ip6tablesSave, FirewallTool.Ip6tables);

    private static IReadOnlyList<FirewallTable> NftInet => NftJsonParser.Parse(Ipv6Captures.NftInetJson, NftRuleTexts.Parse(Ipv6Captures.NftInetListing), []);

    [Fact]
    public void Icmpv6_types_are_read_from_ip6tables_save_as_numbers_and_from_names()
    {
        var input = Assert.Single(Ip6tables).Find("INPUT")!;

        var neighbour = Assert.Single(input.Rules[1].Conditions.OfType<IcmpTypeCondition>());
        Assert.Equal([135], neighbour.Types);
        Assert.Equal(RuleMatch.Always, input.Rules[1].Match(FirewallQuestion.Icmpv6(135, TrafficDirection.Incoming, "NS"), out _));
        Assert.Equal(RuleMatch.Never, input.Rules[1].Match(FirewallQuestion.Icmpv6(136, TrafficDirection.Incoming, "NA"), out _));
        Assert.Equal(RuleMatch.Never, input.Rules[1].Match(Dhcp6In, out _));
        Assert.True(Icmpv6TypeNames.TryParse("neighbour-solicitation", out var named) && named == 135);
        Assert.True(Icmpv6TypeNames.TryParse("134/0", out var coded) && coded == 134);
        Assert.False(Icmpv6TypeNames.TryParse("no-such-type", out _));
        Assert.False(Icmpv6TypeNames.TryParse("300", out _));
    }

    [Fact]
    public void Ip6tables_drops_of_dhcpv6_and_router_advertisements_are_found_and_neighbour_discovery_passes()
    {
        var findings = FirewallEvaluation.Evaluate(Ip6tables, Ipv6, null, []);

        Assert.Contains(findings, f => f.Question == Dhcp6In && f.Position == 4 && f.Certain && f.Tool == FirewallTool.Ip6tables);
        Assert.Contains(findings, f => f.Question.Traffic == HostTraffic.RouterDiscovery && f.Question.Port == 134 && f.Chain == "OUTPUT");
        Assert.DoesNotContain(findings, f => f.Question.Traffic == HostTraffic.NeighborDiscovery);

        // The INPUT policy drops the router solicitations (untracked, so the ESTABLISHED accept does not take them) and TFTP and HTTP over IPv6.
        Assert.Contains(findings, f => f.Question.Port == 133 && f.IsPolicy);
        Assert.Contains(findings, f => f.Question is { Protocol: TransportProtocol.Udp, Port: 69, Family: IpFamily.Ipv6 } && f.IsPolicy);
        var dhcp = findings.First(f => f.Question == Dhcp6In);
        Assert.Equal("ip6tables -t filter -D INPUT -p udp -m udp --dport 547 -j DROP", dhcp.RemoveCommand.ToShell());
        Assert.Equal("ip6tables -t filter -I INPUT -p udp --dport 547 -j ACCEPT", dhcp.OpenCommand.ToShell());
        var ra = findings.First(f => f.Question.Port == 134);
        Assert.Equal("ip6tables -t filter -I OUTPUT -p ipv6-icmp --icmpv6-type 134 -j ACCEPT", ra.OpenCommand.ToShell());
        Assert.Contains("ip6tables' filter table drops router advertisements from PxeKit (ICMPv6 type 134 out)", ra.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Ip6tables_rules_are_not_asked_ipv4_questions_nor_iptables_rules_ipv6_ones()
    {
        Assert.Empty(FirewallEvaluation.Evaluate(Ip6tables, [Dhcp4In], null, []));
        var v4 = IptablesSaveParser.Parse("*filter\n:INPUT DROP [0:0]\nCOMMIT\n", FirewallTool.Iptables);
        Assert.Empty(FirewallEvaluation.Evaluate(v4, Ipv6, null, []));
    }

    [Fact]
    public void An_nft_inet_table_is_asked_both_versions_and_a_nfproto_ipv6_drop_hits_only_ipv6()
    {
        var findings = FirewallEvaluation.Evaluate(NftInet, [.. Ipv6, Dhcp4In, FirewallQuestion.ForPxeServer()[1]], "pxk-d6-x", []);

        var dhcp = Assert.Single(findings, f => f.Question == Dhcp6In);
        Assert.Equal(("inet f", 4, true), (dhcp.Table, dhcp.Position, dhcp.Certain));
        Assert.Equal("ip netns exec pxk-d6-x nft delete rule inet f input handle 4", dhcp.RemoveCommand.ToShell());
        Assert.Equal("meta nfproto ipv6 udp dport 547 drop", dhcp.Rule);

        var solicit = Assert.Single(findings, f => f.Question.Port == 133);
        Assert.Equal((5, false), (solicit.Position, solicit.Certain));
        Assert.Equal(["ip6 saddr fe80::/10"], solicit.Conditions);
        Assert.Equal("ip netns exec pxk-d6-x nft insert rule inet f input icmpv6 type 133 accept", solicit.OpenCommand.ToShell());

        Assert.Equal(2, findings.Count);
    }

    [Fact]
    public void An_nft_ip6_table_sees_only_ipv6_and_an_ip_table_only_ipv4()
    {
        var ip6 = new FirewallTable(FirewallTool.Nft, "ip6", "t", []);
        var ip = new FirewallTable(FirewallTool.Nft, "ip", "t", []);

        Assert.Equal((true, false), (ip6.Sees(IpFamily.Ipv6), ip6.Sees(IpFamily.Ipv4)));
        Assert.Equal((false, true), (ip.Sees(IpFamily.Ipv6), ip.Sees(IpFamily.Ipv4)));
    }

    [Fact]
    public void Neighbour_discovery_is_untracked_so_an_established_accept_before_a_drop_policy_does_not_let_it_by()
    {
        const string Strict = "*filter\n:INPUT DROP [0:0]\n-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -m state --state INVALID -j DROP\nCOMMIT\n";
        var neighbour = Ipv6.First(q => q.Traffic == HostTraffic.NeighborDiscovery && q.Direction == TrafficDirection.Incoming);

        var finding = Assert.Single(FirewallEvaluation.Evaluate(IptablesSaveParser.Parse(Strict, FirewallTool.Ip6tables), [neighbour], null, []));

        Assert.True(finding.IsPolicy);
        Assert.Equal("ICMPv6 type 135 in", neighbour.Describe());
        Assert.Equal("UDP 547 in over IPv6", Dhcp6In.Describe());
    }
}
