using PxeKit.Server.Dhcp;

namespace PxeKit.Cli.Config;

/// <summary>A complete, validated <c>serve</c> configuration.</summary>
public sealed record ServeSettings
{
    public required string Interface { get; init; }

    public required string Root { get; init; }

    /// <summary>Null when DHCP is off (<c>--no-dhcp</c>: another server hands out addresses).</summary>
    public DhcpScope? Scope { get; init; }

    public string? BootFile { get; init; }

    /// <summary>SQLite file, or <c>:memory:</c> to keep nothing.</summary>
    public required string LeaseDb { get; init; }

    public bool AllowWrite { get; init; }
}
