namespace PxeKit.Core.Events;

/// <summary>What an IPv6 router advertisement seen on the wire said (RFC 4861 section 4.2).</summary>
public sealed record RouterFacts
{
    /// <summary>The managed flag (M): addresses come from DHCPv6, so a client solicits a DHCPv6 server.</summary>
    public bool Managed { get; init; }

    /// <summary>The other-configuration flag (O): other settings (DNS, a boot URL) come from DHCPv6.</summary>
    public bool OtherConfiguration { get; init; }

    /// <summary>How long the sender is a default router; zero when it is none (it only answers solicitations).</summary>
    public TimeSpan Lifetime { get; init; }

    /// <summary>The prefixes it advertises, as <c>fd00:47::/64</c>.</summary>
    public IReadOnlyList<string> Prefixes { get; init; } = [];
}
