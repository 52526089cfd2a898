namespace PxeKit.Load;

/// <summary>How one download ended: bytes, their SHA-256, the time it took, and the error if it failed.</summary>
public sealed record TftpDownloadResult(long Bytes, string Sha256, TimeSpan Elapsed, string? Error)
{
    public bool Succeeded => Error is null;
}
