namespace PxeKit.Cli.Import;

/// <summary>One condition on a client, as a profile's <c>match:</c> says it: any of <paramref name="Values"/> holds.</summary>
public sealed record ClientCondition(ClientConditionKind Kind, IReadOnlyList<string> Values)
{
    public static readonly ClientCondition Everyone = new(ClientConditionKind.Everyone, []);

    public ClientCondition(ClientConditionKind kind, string value)
        : this(kind, [value])
    {
    }

    public bool Equals(ClientCondition? other) => other is not null && other.Kind == Kind && other.Values.SequenceEqual(Values, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Kind, Values.Count);

    public override string ToString() => $"{Kind} {string.Join("|", Values)}";
}
