using System.Text.Json;

namespace PxeKit.Diagnostics.Firewall;

/// <summary>
/// One nft JSON rule: its <c>expr</c> statements in order (libnftables-json(5), "STATEMENTS"). Matches become
/// conditions; <c>accept</c>, <c>drop</c>, <c>reject</c>, <c>jump</c>, <c>goto</c>, <c>return</c> the action;
/// counters, logs and other statements that do not decide the packet are passed over.
/// </summary>
internal static class NftRuleParser
{
    public static FirewallRule Parse(JsonElement rule, IReadOnlyDictionary<string, JsonElement> namedSets, NftRuleTexts texts)
    {
        var handle = rule.TryGetProperty("handle", out var h) && h.TryGetInt32(out var number) ? number : 0;
        var conditions = new List<RuleCondition>();
        var action = RuleAction.Continue;
        string? target = null;
        if (rule.TryGetProperty("expr", out var expressions) && expressions.ValueKind == JsonValueKind.Array)
        {
            foreach (var statement in expressions.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).SelectMany(e => e.EnumerateObject()))
            {
                if (action != RuleAction.Continue)
                {
                    break;
                }

                (action, target) = Statement(statement, conditions, namedSets);
            }
        }

        var text = texts.Find(
            NftJsonParser.Text(rule, "family"), NftJsonParser.Text(rule, "table"), NftJsonParser.Text(rule, "chain"), handle)
            ?? string.Join(' ', conditions.Select(c => c.Text).Append(action.ToString().ToLowerInvariant()));
        return new FirewallRule(text, handle, conditions, action, target, []);
    }

    private static (RuleAction Action, string? Target) Statement(
        JsonProperty statement, List<RuleCondition> conditions, IReadOnlyDictionary<string, JsonElement> namedSets)
    {
        var value = statement.Value;
        switch (statement.Name)
        {
            case "match":
                conditions.AddRange(NftMatchParser.Parse(value, namedSets));
                return (RuleAction.Continue, null);
            case "accept":
                return (RuleAction.Accept, null);
            case "drop":
                return (RuleAction.Drop, null);
            case "reject":
                return (RuleAction.Reject, null);
            case "return":
                return (RuleAction.Return, null);
            case "jump" or "goto":
                var chain = value.ValueKind == JsonValueKind.Object ? NftJsonParser.Text(value, "target") : "";
                return (statement.Name == "jump" ? RuleAction.Jump : RuleAction.Goto, chain);
            case "queue":
                return (RuleAction.Unmodeled, "queue");
            case "vmap":
                return (RuleAction.Unmodeled, "a verdict map (vmap)");
            case "limit" or "quota" or "meter" or "flow":
                conditions.Add(new OpaqueCondition(statement.Name + " " + value.GetRawText()));
                return (RuleAction.Continue, null);
            case "xt":
                return Xt(value, conditions);
            default:
                return (RuleAction.Continue, null); // counter, log, meta/ct set, nat, notrack, ...
        }
    }

    /// <summary>An iptables extension inside an iptables-nft table, which nft cannot show (<c>{"xt": {"type", "name"}}</c>).</summary>
    private static (RuleAction Action, string? Target) Xt(JsonElement value, List<RuleCondition> conditions)
    {
        var name = NftJsonParser.Text(value, "name");
        if (NftJsonParser.Text(value, "type") == "match")
        {
            conditions.Add(new OpaqueCondition($"iptables match '{name}' (not shown by nft)"));
            return (RuleAction.Continue, null);
        }

        return name == "REJECT" ? (RuleAction.Reject, null) : (RuleAction.Continue, null);
    }
}
