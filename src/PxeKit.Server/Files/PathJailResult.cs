using PxeKit.Core.Events;

namespace PxeKit.Server.Files;

/// <summary>
/// What <see cref="PathJail"/> decided: the real path inside the root, or why the name was refused.
/// Protocol-neutral: each server maps <see cref="Verdict"/> to its own error.
/// </summary>
public readonly record struct PathJailResult
{
    public PathVerdict Verdict { get; private init; }

    /// <summary>The resolved path (symlinks followed) when allowed; otherwise null.</summary>
    public string? FullPath { get; private init; }

    /// <summary>Why the name was refused, typed; null when allowed.</summary>
    public FileRefusal? Refusal { get; private init; }

    /// <summary>Why the name was refused, for the log and the journal; empty when allowed.</summary>
    public string Reason { get; private init; }

    public bool IsAllowed => Verdict == PathVerdict.Allowed;

    public bool IsNotFound => Verdict == PathVerdict.NotFound;

    public static PathJailResult Allow(string fullPath) => new() { Verdict = PathVerdict.Allowed, FullPath = fullPath, Reason = "" };

    /// <summary>A trick or a forbidden name.</summary>
    public static PathJailResult Violation(string reason) => new() { Verdict = PathVerdict.Violation, Refusal = FileRefusal.Forbidden, Reason = reason };

    /// <summary>A fine name of a file in the root that the server's user may not read: refused as a violation is.</summary>
    public static PathJailResult Unreadable(string reason) => new() { Verdict = PathVerdict.Violation, Refusal = FileRefusal.Unreadable, Reason = reason };

    /// <summary>A name that is fine but names nothing.</summary>
    public static PathJailResult NotFound(string reason = "file not found") => new() { Verdict = PathVerdict.NotFound, Refusal = FileRefusal.NotFound, Reason = reason };
}
