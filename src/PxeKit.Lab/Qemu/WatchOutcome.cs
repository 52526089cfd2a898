namespace PxeKit.Lab.Qemu;

/// <summary>Why watching a console ended.</summary>
public enum WatchOutcome
{
    /// <summary>The expected marker appeared: the boot succeeded.</summary>
    MarkerSeen,

    /// <summary>The VM ended before the marker appeared.</summary>
    VmExited,

    /// <summary>The time limit passed before the marker appeared.</summary>
    TimedOut,

    /// <summary>
    /// The firmware said it has nothing left to boot (SeaBIOS: "No bootable device"): waiting longer cannot
    /// help, so the watch ends at once instead of at the time limit.
    /// </summary>
    FirmwareGaveUp,
}
