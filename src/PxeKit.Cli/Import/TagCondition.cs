namespace PxeKit.Cli.Import;

/// <summary>A <c>tag:NAME</c> (or <c>tag:!NAME</c>) a setting requires of a request.</summary>
public readonly record struct TagCondition(string Name, bool Negated)
{
    /// <summary><c>tag:NAME</c>, <c>tag:!NAME</c>, or dnsmasq's older <c>net:NAME</c>; null for any other field.</summary>
    public static TagCondition? TryParse(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var name = field.StartsWith("tag:", StringComparison.Ordinal) ? field[4..]
            : field.StartsWith("net:", StringComparison.Ordinal) ? field[4..]
            : null;
        return name is null ? null : name.StartsWith('!') ? new TagCondition(name[1..], true) : new TagCondition(name, false);
    }

    public override string ToString() => Negated ? $"tag:!{Name}" : $"tag:{Name}";
}
