namespace PxeKit.Core.Events;

/// <summary>What the host's firewall does to one kind of PxeKit's traffic, read from its rule sets.</summary>
public sealed record FirewallFacts
{
    public required HostTraffic Traffic { get; init; }

    /// <summary>The IP version of the traffic: TFTP and HTTP are asked about over each version PxeKit serves.</summary>
    public IpFamily Family { get; init; } = IpFamily.Ipv4;

    /// <summary>The traffic crosses the host (a bridge whose frames pass iptables), rather than coming to or leaving it.</summary>
    public bool Forwarded { get; init; }

    /// <summary>A rule drops or rejects it.</summary>
    public bool Drops { get; init; }

    /// <summary>The rule drops it whatever the packet: no condition the inspector could not decide.</summary>
    public bool Certain { get; init; } = true;

    /// <summary>For people: which rules drop it, and what the inspector could not decide; empty when nothing drops it.</summary>
    public string Rules { get; init; } = "";

    /// <summary>For people: the commands that let it through; empty when nothing drops it.</summary>
    public string Fix { get; init; } = "";
}
