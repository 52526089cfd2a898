using System.Text.Json;

namespace PxeKit.Diagnostics.Firewall;

/// <summary>
/// Reads <c>nft -j list ruleset</c> (libnftables-json(5)): <c>{"nftables": [{"table": ...}, {"chain": ...},
/// {"set": ...}, {"rule": ...}]}</c>. Chains come before their rules; rules are in chain order. Never throws:
/// JSON it cannot read is said in a note.
/// </summary>
internal static class NftJsonParser
{
    public static IReadOnlyList<FirewallTable> Parse(string json, NftRuleTexts texts, ICollection<string> notes)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(notes);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("nftables", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                notes.Add("nft -j list ruleset printed JSON without an \"nftables\" array; nft rules were not read.");
                return [];
            }

            return Read(items, texts);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a JSON value of another kind than libnftables-json(5) describes.
            notes.Add($"nft -j list ruleset printed JSON that could not be read ({e.Message}); nft rules were not read.");
            return [];
        }
    }

    private static List<FirewallTable> Read(JsonElement items, NftRuleTexts texts)
    {
        var tables = new List<(string Family, string Name)>();
        var chains = new Dictionary<string, (JsonElement Chain, List<FirewallRule> Rules)>(StringComparer.Ordinal);
        var sets = new Dictionary<string, Dictionary<string, JsonElement>>(StringComparer.Ordinal);
        foreach (var item in items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
        {
            if (item.TryGetProperty("table", out var table))
            {
                tables.Add((Text(table, "family"), Text(table, "name")));
                sets[Text(table, "family") + " " + Text(table, "name")] = new(StringComparer.Ordinal);
            }
            else if (item.TryGetProperty("set", out var set) && set.TryGetProperty("elem", out var elem)
                     && sets.TryGetValue(Text(set, "family") + " " + Text(set, "table"), out var named))
            {
                named[Text(set, "name")] = elem.Clone();
            }
            else if (item.TryGetProperty("chain", out var chain))
            {
                chains[ChainKey(chain, "name")] = (chain.Clone(), []);
            }
            else if (item.TryGetProperty("rule", out var rule) && chains.TryGetValue(ChainKey(rule, "chain"), out var owner))
            {
                var tableSets = sets.GetValueOrDefault(Text(rule, "family") + " " + Text(rule, "table")) ?? [];
                owner.Rules.Add(NftRuleParser.Parse(rule, tableSets, texts));
            }
        }

        return [.. tables.Select(t => new FirewallTable(
            FirewallTool.Nft,
            t.Family,
            t.Name,
            [.. chains.Values.Where(c => Text(c.Chain, "family") == t.Family && Text(c.Chain, "table") == t.Name)
                .Select(c => Chain(c.Chain, c.Rules, texts))]))];
    }

    private static FirewallChain Chain(JsonElement chain, List<FirewallRule> rules, NftRuleTexts texts)
    {
        var name = Text(chain, "name");
        var hook = chain.TryGetProperty("hook", out var h) ? h.GetString() : null;
        if (hook is null)
        {
            return new FirewallChain(name, null, null, null, rules);
        }

        var policy = chain.TryGetProperty("policy", out var p) ? p.GetString() ?? "accept" : "accept";
        var text = texts.Find(Text(chain, "family"), Text(chain, "table"), name, null) ?? $"type {Text(chain, "type")} hook {hook}; policy {policy};";
        return new FirewallChain(name, hook, policy, text, rules);
    }

    private static string ChainKey(JsonElement element, string nameProperty) =>
        $"{Text(element, "family")} {Text(element, "table")} {Text(element, nameProperty)}";

    internal static string Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
