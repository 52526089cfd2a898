namespace PxeKit.Core.Events;

/// <summary>What the host has of a file the configuration sends.</summary>
public enum BootFileState
{
    /// <summary>The file is there and opens.</summary>
    Present,

    /// <summary>No such file under the boot root.</summary>
    Missing,

    /// <summary>The file is there and cannot be read (permissions, an I/O error).</summary>
    Unreadable,

    /// <summary>A URL: another server has it, which the host cannot check.</summary>
    Elsewhere,
}
