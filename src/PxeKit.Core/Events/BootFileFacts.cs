using PxeKit.Protocol.Dhcp;

namespace PxeKit.Core.Events;

/// <summary>A file the configuration sends, as the host has it: the event's file, size and format say the rest.</summary>
public sealed record BootFileFacts
{
    public required BootFileState State { get; init; }

    /// <summary>For people: why it is sent, e.g. <c>boot program of profile "uefi"</c>.</summary>
    public string Purpose { get; init; } = "";

    /// <summary>Where it is on disk.</summary>
    public string? Path { get; init; }

    /// <summary>Sent over TFTP (so the block-number limit applies), not HTTP.</summary>
    public bool OverTftp { get; init; }

    /// <summary>The firmware it goes to (the architecture its clients name in option 93); null when any.</summary>
    public ClientArchitecture? Firmware { get; init; }

    /// <summary>For people: why it cannot be read.</summary>
    public string? Reason { get; init; }
}
