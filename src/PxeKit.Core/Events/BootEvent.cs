namespace PxeKit.Core.Events;

/// <summary>
/// One thing that happened to one client. The journal is the only record of a boot: the live log,
/// the timeline of <c>pxekit boot</c> and later the diagnosis all read these.
/// </summary>
public sealed record BootEvent
{
    public required DateTimeOffset Time { get; init; }

    public required BootStep Step { get; init; }

    /// <summary>Client hardware address as <c>52:54:00:12:34:56</c>, when known.</summary>
    public string? Mac { get; init; }

    /// <summary>Client IPv4 address (offered, leased or the TFTP peer), when known.</summary>
    public string? Address { get; init; }

    /// <summary>A short human sentence: what the step carried.</summary>
    public string Detail { get; init; } = "";

    /// <summary>The DHCP server a reply came from (its server identifier), for replies seen on the wire.</summary>
    public string? Server { get; init; }

    /// <summary>The file a TFTP or HTTP step is about.</summary>
    public string? File { get; init; }

    /// <summary>Bytes transferred, for finished transfers.</summary>
    public long? Bytes { get; init; }

    /// <summary>How long the step took, for transfers.</summary>
    public TimeSpan? Elapsed { get; init; }
}
