namespace PxeKit.Diagnostics.Firewall;

/// <summary>The ports a rule tests (<c>--dport 67</c>, <c>60:70</c>, <c>--dports 67,69</c>, <c>{ 67, 60-70 }</c>), maybe negated.</summary>
internal sealed record PortSet(IReadOnlyList<PortRange> Ranges, bool Negated)
{
    /// <summary>
    /// How the set matches packets whose port lies in <paramref name="asked"/>: every one, some (a question
    /// about a range, such as the TFTP return path, can be partly matched) or none.
    /// </summary>
    public RuleMatch Match(PortRange asked)
    {
        var covered = Covers(asked);
        var touched = Ranges.Any(r => r.Overlaps(asked));
        var match = covered ? RuleMatch.Always : touched ? RuleMatch.Maybe : RuleMatch.Never;
        if (!Negated)
        {
            return match;
        }

        return match switch
        {
            RuleMatch.Always => RuleMatch.Never,
            RuleMatch.Never => RuleMatch.Always,
            _ => RuleMatch.Maybe,
        };
    }

    /// <summary>Whether the union of the ranges (<c>1024:30000,30001:65535</c>) holds every asked port.</summary>
    private bool Covers(PortRange asked)
    {
        var next = asked.First;
        while (next <= asked.Last)
        {
            var holder = Ranges.Where(r => r.First <= next && next <= r.Last).Select(r => (int?)r.Last).Max();
            if (holder is not { } last)
            {
                return false;
            }

            next = last + 1;
        }

        return true;
    }
}
