namespace PxeKit.Load;

/// <summary>How one simulated machine's boot ended.</summary>
public sealed record StormClientResult(StormArchitecture Architecture, TimeSpan Elapsed, long Bytes, string? Error)
{
    public bool Succeeded => Error is null;
}
