namespace PxeKit.Core.Events;

/// <summary>
/// What the doctor heard on the interface after one router solicitation, when serve answers DHCPv6 and sends no
/// advertisements itself: PXE firmware (edk2) asks DHCPv6 and has a route to the server's prefix only when an advertisement has the managed flag.
/// </summary>
public sealed record RouterAdvertisementFacts
{
    /// <summary>How long the doctor listened after its solicitation, in seconds.</summary>
    public required double WaitedSeconds { get; init; }

    /// <summary>Every advertisement heard meanwhile, one per router.</summary>
    public IReadOnlyList<HeardRouter> Routers { get; init; } = [];

    /// <summary>The interface's global or unique-local IPv6 address (<c>fd00:47::1/64</c>); null when it has none.</summary>
    public string? InterfaceAddress { get; init; }
}
