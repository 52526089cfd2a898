namespace PxeKit.Core.Events;

/// <summary>For <see cref="BootStep.ReloadApplied"/> and <see cref="BootStep.ReloadRefused"/>: what a reload of the configuration changed, or why it changed nothing.</summary>
public sealed record ReloadFacts
{
    /// <summary>The settings the reload applied (for the running server, from the next request on).</summary>
    public IReadOnlyList<ReloadSetting> Applied { get; init; } = [];

    /// <summary>Settings that changed in the file but need a restart: they were left as they are.</summary>
    public IReadOnlyList<ReloadSetting> NeedsRestart { get; init; } = [];

    /// <summary>Profiles, by name, that the new configuration has and the running one had not.</summary>
    public IReadOnlyList<string> ProfilesAdded { get; init; } = [];

    public IReadOnlyList<string> ProfilesRemoved { get; init; } = [];

    /// <summary>Profiles in both whose match, boot file, kernel, order or boot-once changed.</summary>
    public IReadOnlyList<string> ProfilesChanged { get; init; } = [];

    /// <summary>Scopes added, removed or changed, each named by its subnet (<c>10.0.0.0/24</c>).</summary>
    public IReadOnlyList<string> ScopesChanged { get; init; } = [];

    /// <summary>For <see cref="BootStep.ReloadRefused"/>: every mistake in the configuration, as the start-up would report it.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];
}
