namespace PxeKit.Load.Conformance;

/// <summary>What a case decided, and what it saw on the wire (for people: nothing decides on <see cref="Seen"/>).</summary>
public readonly record struct CaseVerdict(ConformanceOutcome Outcome, string Seen)
{
    public static CaseVerdict Pass(string seen) => new(ConformanceOutcome.Pass, seen);

    public static CaseVerdict Fail(string seen) => new(ConformanceOutcome.Fail, seen);

    public static CaseVerdict NotApplicable(string why) => new(ConformanceOutcome.NotApplicable, why);

    /// <summary>Pass when <paramref name="holds"/>, fail otherwise; the same sentence says what was seen either way.</summary>
    public static CaseVerdict When(bool holds, string seen) => holds ? Pass(seen) : Fail(seen);
}
