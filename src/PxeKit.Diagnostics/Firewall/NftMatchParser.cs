using System.Text.Json;
using PxeKit.Core.Events;

namespace PxeKit.Diagnostics.Firewall;

/// <summary>
/// Turns one nft JSON <c>{"match": {"op", "left", "right"}}</c> into conditions (libnftables-json(5), "MATCH").
/// Understood: <c>udp|tcp|th|sctp dport|sport</c> (the protocol implied), <c>meta l4proto</c>, <c>ip protocol</c>,
/// <c>ip6 nexthdr</c>, <c>icmpv6 type</c>, <c>ct state</c>, <c>meta nfproto</c>; any other <c>ip</c> or <c>ip6</c>
/// field only matches packets of that IP version. Everything else is opaque.
/// </summary>
internal static class NftMatchParser
{
    private static readonly string[] PortProtocols = ["udp", "tcp", "sctp", "dccp", "udplite"];

    public static IEnumerable<RuleCondition> Parse(JsonElement match, IReadOnlyDictionary<string, JsonElement> namedSets)
    {
        if (!match.TryGetProperty("left", out var left) || !match.TryGetProperty("right", out var right))
        {
            yield return new OpaqueCondition(match.GetRawText());
            yield break;
        }

        var op = match.TryGetProperty("op", out var o) ? o.GetString() ?? "==" : "==";
        var negated = op == "!=";
        var text = $"{ShowLeft(left)} {(op is "==" or "in" ? "" : op + " ")}{NftValues.Show(right)}";
        if (left.TryGetProperty("payload", out var payload) && payload.TryGetProperty("protocol", out var p) && p.GetString() is { } protocol)
        {
            var field = payload.TryGetProperty("field", out var f) ? f.GetString() : null;
            if (protocol is "ip" or "ip6")
            {
                var family = protocol == "ip" ? IpFamily.Ipv4 : IpFamily.Ipv6;
                var names = field is "protocol" or "nexthdr" ? NftValues.Words(right) : null;
                yield return new FamilyCondition(text, family, names is null ? RuleMatch.Maybe : RuleMatch.Always);
                if (names is not null)
                {
                    yield return new ProtocolCondition(text, names, negated);
                }

                yield break;
            }

            if (protocol != "th" && protocol is not ("ether" or "vlan" or "arp"))
            {
                yield return new ProtocolCondition(protocol, new HashSet<string>([protocol]), Negated: false);
            }

            if (protocol == "icmpv6")
            {
                yield return new FamilyCondition(protocol, IpFamily.Ipv6, RuleMatch.Always);
            }

            if (field is "dport" or "sport" && (protocol == "th" || PortProtocols.Contains(protocol)))
            {
                yield return Ports(text, op, right, namedSets, destination: field == "dport");
            }
            else if (protocol == "icmpv6" && field == "type" && op is "==" or "!=" or "in" && IcmpTypes(right, namedSets) is { } types)
            {
                yield return new IcmpTypeCondition(text, types, negated);
            }
            else
            {
                yield return new OpaqueCondition(text);
            }

            yield break;
        }

        yield return Keyed(left, text, op, negated, right);
    }

    private static RuleCondition Keyed(JsonElement left, string text, string op, bool negated, JsonElement right)
    {
        var words = op is "==" or "!=" or "in" ? NftValues.Words(right) : null;
        if (Key(left, "meta") is "l4proto" && words is not null)
        {
            return new ProtocolCondition(text, words, negated);
        }

        if (Key(left, "meta") is "nfproto" or "protocol" && words is not null)
        {
            var ipv4 = words.Contains("ipv4") || words.Contains("ip");
            var ipv6 = words.Contains("ipv6") || words.Contains("ip6");
            return (ipv4 != negated, ipv6 != negated) switch
            {
                (true, true) => new FixedCondition(text, RuleMatch.Always),
                (true, false) => new FamilyCondition(text, IpFamily.Ipv4, RuleMatch.Always),
                (false, true) => new FamilyCondition(text, IpFamily.Ipv6, RuleMatch.Always),
                _ => new FixedCondition(text, RuleMatch.Never),
            };
        }

        if (Key(left, "meta") is "iif" or "iifname" or "oif" or "oifname" && words is not null && words.SetEquals(["lo"]))
        {
            return FixedCondition.Loopback(text, negated);
        }

        if (Key(left, "ct") is "state" && words is not null)
        {
            return new StateCondition(text, new HashSet<string>(words.Select(w => w.ToUpperInvariant())), negated);
        }

        return new OpaqueCondition(text);
    }

    private static RuleCondition Ports(string text, string op, JsonElement right, IReadOnlyDictionary<string, JsonElement> namedSets, bool destination)
    {
        if (NftValues.Ports(right, namedSets) is not { Count: > 0 } ranges)
        {
            return new OpaqueCondition(text);
        }

        var bound = ranges[0];
        var (set, negated) = op switch
        {
            "==" or "in" => (ranges, false),
            "!=" => (ranges, true),
            "<" => ([new PortRange(0, bound.First - 1)], false),
            "<=" => ([new PortRange(0, bound.First)], false),
            ">" => ([new PortRange(bound.Last + 1, PortRange.Highest)], false),
            ">=" => ([new PortRange(bound.Last, PortRange.Highest)], false),
            _ => ((List<PortRange>?)null, false),
        };
        return set is null ? new OpaqueCondition(text) : new PortCondition(text, new PortSet(set, negated), destination);
    }

    /// <summary>ICMPv6 types of a value (<c>"nd-neighbor-solicit"</c>, <c>135</c>, a set of either, <c>@set</c>); null when one is not known.</summary>
    private static HashSet<int>? IcmpTypes(JsonElement right, IReadOnlyDictionary<string, JsonElement> namedSets)
    {
        if (right.ValueKind == JsonValueKind.String && right.GetString() is { } name && name.StartsWith('@'))
        {
            return namedSets.TryGetValue(name[1..], out var elements) ? IcmpTypes(elements, namedSets) : null;
        }

        if (NftValues.Words(right) is not { } words)
        {
            return null;
        }

        var types = new HashSet<int>();
        foreach (var word in words)
        {
            if (!Icmpv6TypeNames.TryParse(word, out var type))
            {
                return null;
            }

            types.Add(type);
        }

        return types;
    }

    private static string? Key(JsonElement left, string kind) =>
        left.ValueKind == JsonValueKind.Object && left.TryGetProperty(kind, out var k) && k.ValueKind == JsonValueKind.Object
            && k.TryGetProperty("key", out var key) ? key.GetString() : null;

    /// <summary><c>udp dport</c>, <c>meta l4proto</c>, <c>ct state</c>; the raw JSON for anything else.</summary>
    private static string ShowLeft(JsonElement left)
    {
        if (left.ValueKind == JsonValueKind.Object && left.TryGetProperty("payload", out var payload)
            && payload.TryGetProperty("protocol", out var protocol) && payload.TryGetProperty("field", out var field))
        {
            return $"{protocol.GetString()} {field.GetString()}";
        }

        foreach (var kind in (string[])["meta", "ct"])
        {
            if (Key(left, kind) is { } key)
            {
                return $"{kind} {key}";
            }
        }

        return left.GetRawText();
    }
}
