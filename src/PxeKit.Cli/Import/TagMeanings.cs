namespace PxeKit.Cli.Import;

/// <summary>
/// What each dnsmasq tag stands for, as conditions a profile's <c>match:</c> can say. A tag is set by the settings that
/// name it with <c>set:</c> (any of them sets it); tag-if sets a tag from others; an interface's name is a tag dnsmasq
/// sets itself. A tag that stands for something PxeKit cannot match keeps the reason.
/// </summary>
internal sealed class TagMeanings(IReadOnlyCollection<string> interfaces)
{
    /// <summary>tag-if may refer to tags set by tag-if, at most this deep (a loop of tag-ifs ends here).</summary>
    private const int MaxDepth = 8;

    private readonly Dictionary<string, List<ClientCondition>> _conditions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IReadOnlyList<TagCondition>>> _ifs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _unknown = new(StringComparer.Ordinal);

    public void Add(string tag, ClientCondition condition)
    {
        if (!_conditions.TryGetValue(tag, out var list))
        {
            _conditions[tag] = list = [];
        }

        list.Add(condition);
    }

    public void AddIf(string tag, IReadOnlyList<TagCondition> required)
    {
        if (!_ifs.TryGetValue(tag, out var list))
        {
            _ifs[tag] = list = [];
        }

        list.Add(required);
    }

    /// <summary>A tag set by a setting the import could not map: whatever needs it cannot be mapped either.</summary>
    public void Unknown(string tag, string why) => _unknown.TryAdd(tag, why);

    /// <summary>The conditions that hold exactly when every tag of <paramref name="tags"/> is set (none: everyone).</summary>
    public bool TryResolve(IEnumerable<string> tags, out List<ClientCondition> conditions, out string why) =>
        TryAll(tags, 0, out conditions, out why);

    private bool TryAll(IEnumerable<string> tags, int depth, out List<ClientCondition> conditions, out string why)
    {
        conditions = [];
        why = "";
        foreach (var tag in tags)
        {
            if (!TryOne(tag, depth, out var more, out why))
            {
                return false;
            }

            foreach (var condition in more)
            {
                if (!TryJoin(conditions, condition, out why))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private bool TryOne(string tag, int depth, out List<ClientCondition> conditions, out string why)
    {
        conditions = [];
        why = "";
        if (depth > MaxDepth)
        {
            why = $"tag {tag} is set by tag-ifs more than {MaxDepth} deep (a loop?)";
            return false;
        }

        if (_unknown.TryGetValue(tag, out var reason))
        {
            why = $"tag {tag} is set by a line that was not mapped ({reason})";
            return false;
        }

        var direct = _conditions.GetValueOrDefault(tag) ?? [];
        var ifs = _ifs.GetValueOrDefault(tag) ?? [];
        if (direct.Count + ifs.Count == 0)
        {
            if (interfaces.Contains(tag))
            {
                conditions.Add(new ClientCondition(ClientConditionKind.Interface, tag));
                return true;
            }

            why = $"tag {tag} is set by nothing the import maps (dnsmasq's own tags, such as known or bootp, have no PxeKit match)";
            return false;
        }

        if (ifs.Count == 1 && direct.Count == 0)
        {
            var required = ifs[0];
            if (required.Where(t => t.Negated).Select(t => t.Name).FirstOrDefault() is { } negated)
            {
                why = $"tag {tag} is set by a tag-if with tag:!{negated}, and a profile's match has no 'not'";
                return false;
            }

            return TryAll(required.Select(t => t.Name), depth + 1, out conditions, out why);
        }

        if (ifs.Count > 0)
        {
            why = $"tag {tag} is set in several ways, one of them a tag-if: a profile's match cannot say 'either'";
            return false;
        }

        // Several settings setting one tag: either of them. PxeKit's match lists values of one kind as "any of".
        var kind = direct[0].Kind;
        var values = direct.SelectMany(c => c.Values).Distinct(StringComparer.Ordinal).ToList();
        if (direct.Any(c => c.Kind == ClientConditionKind.Everyone))
        {
            return true;
        }

        if (direct.Any(c => c.Kind != kind) || (kind is ClientConditionKind.UserClass or ClientConditionKind.VendorClass && values.Count > 1))
        {
            why = $"tag {tag} is set by several different conditions, and a profile's match cannot say 'either'";
            return false;
        }

        conditions.Add(new ClientCondition(kind, values));
        return true;
    }

    /// <summary>Adds a condition that must hold too; two of one kind hold together where their values overlap.</summary>
    public static bool TryJoin(List<ClientCondition> conditions, ClientCondition condition, out string why)
    {
        why = "";
        if (condition.Kind == ClientConditionKind.Everyone)
        {
            return true;
        }

        int at = conditions.FindIndex(c => c.Kind == condition.Kind);
        if (at < 0)
        {
            conditions.Add(condition);
            return true;
        }

        if (condition.Kind == ClientConditionKind.Group)
        {
            why = "the tags stand for two sets of MACs that must both hold, and a profile's match takes any of its groups";
            return false;
        }

        var both = conditions[at].Values.Intersect(condition.Values, StringComparer.Ordinal).ToList();
        if (both.Count == 0)
        {
            why = $"the tags ask for {conditions[at]} and {condition} at once, which no client is";
            return false;
        }

        conditions[at] = new ClientCondition(condition.Kind, both);
        return true;
    }
}
