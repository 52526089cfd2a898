using PxeKit.Protocol.Icmpv6;

namespace PxeKit.Core.Events;

/// <summary>What an IPv6 router advertisement said (RFC 4861 section 4.2), seen on the wire, heard by the doctor or sent by serve.</summary>
public sealed record RouterFacts
{
    /// <summary>At most this many prefixes are kept of one advertisement.</summary>
    public const int MaxPrefixes = 8;

    /// <summary>The managed flag (M): addresses come from DHCPv6, so a client solicits a DHCPv6 server.</summary>
    public bool Managed { get; init; }

    /// <summary>The other-configuration flag (O): other settings (DNS, a boot URL) come from DHCPv6.</summary>
    public bool OtherConfiguration { get; init; }

    /// <summary>How long the sender is a default router; zero when it is none (it only answers solicitations).</summary>
    public TimeSpan Lifetime { get; init; }

    /// <summary>The prefixes it advertises, as <c>fd00:47::/64</c>.</summary>
    public IReadOnlyList<string> Prefixes { get; init; } = [];

    /// <summary>The one mapping from an advertisement to its facts, for a trace and the doctor alike.</summary>
    public static RouterFacts Of(RouterAdvertisementView advertisement) => new()
    {
        Managed = advertisement.Flags.HasFlag(RouterAdvertisementFlags.Managed),
        OtherConfiguration = advertisement.Flags.HasFlag(RouterAdvertisementFlags.OtherConfiguration),
        Lifetime = advertisement.RouterLifetime,
        Prefixes = [.. advertisement.ReadPrefixes(MaxPrefixes).Select(p => p.ToString())],
    };
}
