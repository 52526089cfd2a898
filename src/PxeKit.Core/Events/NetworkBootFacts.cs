namespace PxeKit.Core.Events;

/// <summary>What the console said of a firmware network boot client that started (edk2's <c>>>Start HTTP Boot over IPv6</c>).</summary>
public sealed record NetworkBootFacts
{
    public required NetworkBootClient Client { get; init; }

    public required IpFamily Family { get; init; }
}
