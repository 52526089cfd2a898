using System.Globalization;
using System.Text.Json;

namespace PxeKit.Diagnostics.Firewall;

/// <summary>Reads and shows the right-hand sides of nft JSON matches: <c>67</c>, <c>"udp"</c>, <c>{"range": [60, 70]}</c>, <c>{"set": [...]}</c>, <c>"@name"</c>.</summary>
internal static class NftValues
{
    /// <summary>Port ranges of a value, resolving <c>@set</c> through <paramref name="namedSets"/>; null when it is not plain ports.</summary>
    public static List<PortRange>? Ports(JsonElement value, IReadOnlyDictionary<string, JsonElement> namedSets)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt32(out var port) && port is >= 0 and <= PortRange.Highest:
                return [PortRange.Single(port)];
            case JsonValueKind.String when value.GetString() is { } text && text.StartsWith('@'):
                return namedSets.TryGetValue(text[1..], out var elements) ? Ports(elements, namedSets) : null;
            case JsonValueKind.String when int.TryParse(value.GetString(), CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= PortRange.Highest:
                return [PortRange.Single(port)];
            case JsonValueKind.Array:
                return Many(value.EnumerateArray(), namedSets);
            case JsonValueKind.Object when value.TryGetProperty("set", out var set):
                return Ports(set, namedSets);
            case JsonValueKind.Object when value.TryGetProperty("elem", out var elem) && elem.TryGetProperty("val", out var val):
                return Ports(val, namedSets);
            case JsonValueKind.Object when value.TryGetProperty("range", out var range) && range.GetArrayLength() == 2:
                var first = Ports(range[0], namedSets);
                var last = Ports(range[1], namedSets);
                return first is [var a] && last is [var b] ? [new PortRange(Math.Min(a.First, b.First), Math.Max(a.Last, b.Last))] : null;
            default:
                return null;
        }
    }

    /// <summary>Words of a value (<c>"udp"</c>, <c>["established", "related"]</c>, <c>{"set": ["tcp", "udp"]}</c>, <c>17</c>), lower case; null otherwise.</summary>
    public static HashSet<string>? Words(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String when !value.GetString()!.StartsWith('@'):
                return [value.GetString()!.ToLowerInvariant()];
            case JsonValueKind.Number:
                return [value.GetRawText()];
            case JsonValueKind.Array:
                var words = new HashSet<string>(StringComparer.Ordinal);
                foreach (var item in value.EnumerateArray())
                {
                    if (Words(item) is not { } some)
                    {
                        return null;
                    }

                    words.UnionWith(some);
                }

                return words;
            case JsonValueKind.Object when value.TryGetProperty("set", out var set):
                return Words(set);
            default:
                return null;
        }
    }

    /// <summary>nft's spelling of a value: <c>67</c>, <c>60-70</c>, <c>{ 67, 69 }</c>, <c>10.0.0.0/8</c>.</summary>
    public static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Array => string.Join(',', value.EnumerateArray().Select(Show)),
        JsonValueKind.Object when value.TryGetProperty("set", out var set) => "{ " + string.Join(", ", set.EnumerateArray().Select(Show)) + " }",
        JsonValueKind.Object when value.TryGetProperty("range", out var range) && range.GetArrayLength() == 2 => $"{Show(range[0])}-{Show(range[1])}",
        JsonValueKind.Object when value.TryGetProperty("prefix", out var prefix) && prefix.TryGetProperty("addr", out var addr) && prefix.TryGetProperty("len", out var len) => $"{Show(addr)}/{Show(len)}",
        _ => value.GetRawText(),
    };

    private static List<PortRange>? Many(IEnumerable<JsonElement> items, IReadOnlyDictionary<string, JsonElement> namedSets)
    {
        var all = new List<PortRange>();
        foreach (var item in items)
        {
            if (Ports(item, namedSets) is not { } some)
            {
                return null;
            }

            all.AddRange(some);
        }

        return all;
    }
}
