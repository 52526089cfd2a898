namespace PxeKit.Core.Interop;

/// <summary>Who owns a file and its permission bits, as statx(2) reports them.</summary>
public readonly record struct FileOwnership(uint Uid, uint Gid, UnixFileMode Mode, bool IsDirectory);
