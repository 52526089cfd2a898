namespace PxeKit.Server.Boot;

/// <summary>A named set of machines (<c>groups:</c>), and the template variables (<c>vars:</c>) they share.</summary>
public sealed record BootGroup
{
    public required string Name { get; init; }

    /// <summary>Canonical MACs of the group's machines.</summary>
    public IReadOnlySet<string> Macs { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The group's template variables: a profile that matches the group sees them under its own <c>vars:</c>.</summary>
    public IReadOnlyDictionary<string, string> Vars { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
