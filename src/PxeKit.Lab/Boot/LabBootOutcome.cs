using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Lab.Qemu;

namespace PxeKit.Lab.Boot;

/// <summary>How one lab boot went: everything a report of it needs, as typed values (the words are the CLI's).</summary>
public sealed record LabBootOutcome
{
    /// <summary>What booted, for the timeline's title: firmware, boot path, NIC, who answers DHCP.</summary>
    public required string Description { get; init; }

    /// <summary>When the VM started: the timeline's times count from it.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>The whole journal: the server's events (or the tap's capture), the VM's console milestones.</summary>
    public required IReadOnlyList<BootEvent> Events { get; init; }

    /// <summary>What the VM's console showed: the marker or not, and its last lines.</summary>
    public required BootResult Result { get; init; }

    /// <summary>Why a failed boot failed, in the order found; empty for a boot that succeeded.</summary>
    public IReadOnlyList<Verdict> Causes { get; init; } = [];

    public bool Succeeded => Result.Succeeded;
}
