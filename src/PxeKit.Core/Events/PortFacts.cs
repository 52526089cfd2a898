namespace PxeKit.Core.Events;

/// <summary>A port PxeKit needs, and every process that holds it.</summary>
public sealed record PortFacts
{
    public bool Tcp { get; init; }

    public required int Number { get; init; }

    /// <summary>For people: what PxeKit serves there (DHCP, TFTP, the PXE boot server, HTTP boot).</summary>
    public string Service { get; init; } = "";

    public IReadOnlyList<PortHolder> Holders { get; init; } = [];

    /// <summary>For people: <c>UDP 67 (DHCP)</c>.</summary>
    public string Label => $"{(Tcp ? "TCP" : "UDP")} {Number} ({Service})";
}
