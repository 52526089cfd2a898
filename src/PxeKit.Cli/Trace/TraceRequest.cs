namespace PxeKit.Cli.Trace;

/// <summary>What <c>pxekit trace</c> was asked to do, validated.</summary>
public sealed record TraceRequest(string? Interface, string? Read, string? Write, TimeSpan? Duration, string? Mac);
