namespace PxeKit.Core.Events;

/// <summary>The state of the interface PxeKit serves, as the host reports it.</summary>
public sealed record InterfaceFacts
{
    /// <summary>The interface; null when none was named.</summary>
    public string? Name { get; init; }

    public bool Exists { get; init; }

    /// <summary>Administratively up (<c>ip link set IF up</c>).</summary>
    public bool Up { get; init; }

    /// <summary>The kernel's operational state: up, down, lowerlayerdown, unknown.</summary>
    public string OperState { get; init; } = "unknown";

    /// <summary>Its IPv4 addresses with prefix length, e.g. <c>10.0.0.1/24</c>.</summary>
    public IReadOnlyList<string> Ipv4 { get; init; } = [];

    public int? Mtu { get; init; }

    /// <summary>The kernel's index of the interface: a new one when it was deleted and created again under its name.</summary>
    public int? Index { get; init; }

    /// <summary>For <see cref="BootStep.InterfaceAddressChanged"/>: the address the server had before (the new one is <see cref="BootEvent.Server"/>).</summary>
    public string? PreviousAddress { get; init; }

    /// <summary>The host's interfaces, for a name that is not one of them.</summary>
    public IReadOnlyList<string> Known { get; init; } = [];
}
