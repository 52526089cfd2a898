using PxeKit.Protocol.Tftp;

namespace PxeKit.Server.Tftp;

/// <summary>
/// What <see cref="PathJail"/> decided: the real path of a file inside the root, or the TFTP error to
/// send and a reason for the log and the journal.
/// </summary>
public readonly record struct PathJailResult
{
    /// <summary>The resolved path (symlinks followed) when allowed; otherwise null.</summary>
    public string? FullPath { get; private init; }

    /// <summary>The error to answer with when refused.</summary>
    public TftpErrorCode Error { get; private init; }

    /// <summary>Why the name was refused; empty when allowed.</summary>
    public string Reason { get; private init; }

    public bool IsAllowed => FullPath is not null;

    public static PathJailResult Allow(string fullPath) => new() { FullPath = fullPath, Reason = "" };

    public static PathJailResult Refuse(TftpErrorCode error, string reason) => new() { Error = error, Reason = reason };

    /// <summary>A trick or a forbidden name: ERROR 2.</summary>
    public static PathJailResult Violation(string reason) => Refuse(TftpErrorCode.AccessViolation, reason);

    /// <summary>A name that is fine but names nothing: ERROR 1.</summary>
    public static PathJailResult NotFound() => Refuse(TftpErrorCode.FileNotFound, "file not found");
}
