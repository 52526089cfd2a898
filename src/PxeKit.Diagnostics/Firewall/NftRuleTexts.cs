using System.Text.RegularExpressions;

namespace PxeKit.Diagnostics.Firewall;

/// <summary>
/// The rules as <c>nft -a list ruleset</c> prints them, by handle, so a finding quotes what a user sees in
/// nft's own listing (the JSON has no text). Grammar used: <c>table FAMILY NAME {</c>, <c>chain NAME {</c>,
/// <c>type ... hook ...; policy ...;</c>, <c>RULE # handle N</c>, <c>}</c>.
/// </summary>
internal sealed partial class NftRuleTexts
{
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

    public static NftRuleTexts Empty { get; } = new();

    public static NftRuleTexts Parse(string listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        var texts = new NftRuleTexts();
        string? table = null;
        string? chain = null;
        foreach (var raw in listing.Split('\n'))
        {
            var line = raw.Trim();
            if (TableLine().Match(line) is { Success: true } t)
            {
                (table, chain) = (t.Groups[1].Value + " " + t.Groups[2].Value, null);
            }
            else if (ChainLine().Match(line) is { Success: true } c)
            {
                chain = c.Groups[1].Value.Trim('"');
            }
            else if (line.StartsWith('}'))
            {
                chain = null;
            }
            else if (table is not null && chain is not null && line.StartsWith("type ", StringComparison.Ordinal))
            {
                texts._texts[Key(table, chain, null)] = line;
            }
            else if (table is not null && chain is not null && HandleLine().Match(line) is { Success: true } r)
            {
                texts._texts[Key(table, chain, r.Groups[2].Value)] = r.Groups[1].Value.TrimEnd();
            }
        }

        return texts;
    }

    /// <summary>The rule with <paramref name="handle"/>, or the chain's <c>type ...; policy ...;</c> line when null.</summary>
    public string? Find(string family, string table, string chain, int? handle) =>
        _texts.GetValueOrDefault(Key(family + " " + table, chain, handle?.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static string Key(string table, string chain, string? handle) => $"{table}\n{chain}\n{handle}";

    [GeneratedRegex(@"^table (\S+) (\S+) \{")]
    private static partial Regex TableLine();

    [GeneratedRegex(@"^chain (\S+) \{")]
    private static partial Regex ChainLine();

    [GeneratedRegex(@"^(.*) # handle (\d+)$")]
    private static partial Regex HandleLine();
}
