namespace PxeKit.Diagnostics.Firewall;

/// <summary>
/// Turns the words of one <c>-A CHAIN ...</c> line into a <see cref="FirewallRule"/>. iptables-save prints
/// matches first and the target (<c>-j</c>/<c>-g</c>) with its options last; <c>!</c> negates the option after it.
/// Options it does not know become <see cref="OpaqueCondition"/>s, so a rule is never read as wider than it is.
/// </summary>
internal static class IptablesRuleParser
{
    /// <summary>Matches that only load a module or label a rule; they test nothing by themselves.</summary>
    private static readonly string[] Inert = ["-m", "--match", "--comment"];

    /// <param name="chains">The table's chains: a target with one of these names is a jump, any other is an extension target.</param>
    public static FirewallRule Parse(string text, int position, IReadOnlyList<string> specification, IReadOnlySet<string> chains)
    {
        var conditions = new List<RuleCondition>();
        var action = RuleAction.Continue;
        string? target = null;
        var negate = false;
        for (var i = 0; i < specification.Count; i++)
        {
            var word = specification[i];
            if (word == "!")
            {
                negate = true;
                continue;
            }

            var value = i + 1 < specification.Count ? specification[i + 1] : "";
            var shown = (negate ? "! " : "") + word + " " + value;
            if (word is "-j" or "--jump" or "-g" or "--goto")
            {
                (action, target) = Target(value, isGoto: word is "-g" or "--goto", chains);
                break; // the rest are the target's own options (--reject-with, --log-prefix)
            }

            var condition = word switch
            {
                "-p" or "--protocol" => new ProtocolCondition(shown, new HashSet<string>([value.ToLowerInvariant()]), negate),
                "--dport" or "--destination-port" or "--dports" or "--destination-ports" => Ports(shown, value, negate, destination: true),
                "--sport" or "--source-port" or "--sports" or "--source-ports" => Ports(shown, value, negate, destination: false),
                "-i" or "--in-interface" or "-o" or "--out-interface" when value == "lo" => FixedCondition.Loopback(shown, negate),
                "--state" or "--ctstate" => new StateCondition(shown, new HashSet<string>(value.ToUpperInvariant().Split(',')), negate),
                "--icmpv6-type" when Icmpv6TypeNames.TryParse(value, out var type) => new IcmpTypeCondition(shown, new HashSet<int>([type]), negate),
                _ => null,
            };
            if (condition is not null || Inert.Contains(word))
            {
                if (condition is not null)
                {
                    conditions.Add(condition);
                }

                i++;
            }
            else
            {
                i = Opaque(specification, i, negate, conditions);
            }

            negate = false;
        }

        return new FirewallRule(text, position, conditions, action, target, specification);
    }

    /// <summary>An unknown option and its values (up to the next option) as one condition; returns the last index used.</summary>
    private static int Opaque(IReadOnlyList<string> words, int start, bool negate, List<RuleCondition> conditions)
    {
        var end = start;
        while (end + 1 < words.Count && !words[end + 1].StartsWith('-') && words[end + 1] != "!")
        {
            end++;
        }

        var text = (negate ? "! " : "") + string.Join(' ', words.Skip(start).Take(end - start + 1));
        conditions.Add(new OpaqueCondition(text));
        return end;
    }

    private static (RuleAction Action, string? Target) Target(string name, bool isGoto, IReadOnlySet<string> chains) => name switch
    {
        _ when chains.Contains(name) => (isGoto ? RuleAction.Goto : RuleAction.Jump, name),
        "ACCEPT" => (RuleAction.Accept, null),
        "DROP" => (RuleAction.Drop, null),
        "REJECT" => (RuleAction.Reject, null),
        "RETURN" => (RuleAction.Return, null),
        "QUEUE" or "NFQUEUE" or "TARPIT" or "SYNPROXY" => (RuleAction.Unmodeled, name),

        // Extension targets (LOG, MARK, CT, TRACE, ...) do not end the chain.
        _ => (RuleAction.Continue, name),
    };

    private static RuleCondition Ports(string text, string value, bool negate, bool destination)
    {
        var ranges = new List<PortRange>();
        foreach (var item in value.Split(','))
        {
            var bounds = item.Split(':');
            if (!TryPort(bounds[0], 0, out var first) || !TryPort(bounds[^1], PortRange.Highest, out var last) || bounds.Length > 2)
            {
                return new OpaqueCondition(text);
            }

            ranges.Add(new PortRange(Math.Min(first, last), Math.Max(first, last)));
        }

        return new PortCondition(text, new PortSet(ranges, negate), destination);
    }

    /// <summary>A port number; an empty bound (<c>:1023</c>, <c>1024:</c>) means the end of the range.</summary>
    private static bool TryPort(string text, int whenEmpty, out int port)
    {
        if (text.Length == 0)
        {
            port = whenEmpty;
            return true;
        }

        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out port) && port is >= 0 and <= PortRange.Highest;
    }
}
