using PxeKit.Diagnostics.Firewall;

namespace PxeKit.Diagnostics.Tests.Firewall;

public sealed class NftJsonParserTests
{
    private static FirewallTable Parse(List<string>? notes = null) => Assert.Single(
        NftJsonParser.Parse(FirewallCaptures.NftJson, NftRuleTexts.Parse(FirewallCaptures.NftListing), notes ?? []));

    [Fact]
    public void Base_chains_have_hooks_policies_and_the_listing_policy_line()
    {
        var table = Parse();

        Assert.Equal(("inet", "filter"), (table.Family, table.Name));
        Assert.Equal(["input", "mine", "output", "forwarding"], table.Chains.Select(c => c.Name));
        var input = table.Find("input")!;
        Assert.Equal(("input", "drop", "type filter hook input priority filter; policy drop;"), (input.Hook, input.Policy, input.PolicyText));
        Assert.Null(table.Find("mine")!.Hook);
    }

    [Fact]
    public void Rules_carry_their_handle_and_the_text_nft_prints()
    {
        var rules = Parse().Find("input")!.Rules;

        Assert.Equal((8, "udp dport 67 drop"), (rules[2].Position, rules[2].Text));
        Assert.Equal((18, "ip saddr 10.0.0.0/8 udp dport 67 counter packets 0 bytes 0 drop"), (rules[10].Position, rules[10].Text));
        Assert.Equal((RuleAction.Goto, "mine"), (rules[12].Action, rules[12].Target));
    }

    [Fact]
    public void Without_the_listing_the_text_is_built_from_the_json()
    {
        var table = Assert.Single(NftJsonParser.Parse(FirewallCaptures.NftJson, NftRuleTexts.Empty, []));

        Assert.Equal("udp udp dport { 67, 69 } drop", table.Find("input")!.Rules[3].Text);
    }

    [Fact]
    public void Json_that_is_not_nft_output_is_a_note_not_an_exception()
    {
        var notes = new List<string>();

        Assert.Empty(NftJsonParser.Parse("{\"nftables\": [", NftRuleTexts.Empty, notes));
        Assert.Empty(NftJsonParser.Parse("[]", NftRuleTexts.Empty, notes));
        Assert.Equal(2, notes.Count);
    }
}
