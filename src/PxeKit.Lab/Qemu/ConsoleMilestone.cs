using PxeKit.Server.Journal;

namespace PxeKit.Lab.Qemu;

/// <summary>A console line the lab recognises as a step of the boot.</summary>
/// <param name="Step">The journal step: <see cref="BootStep.Firmware"/>, <see cref="BootStep.KernelStarted"/> or <see cref="BootStep.Marker"/>.</param>
/// <param name="Detail">A short sentence for the timeline.</param>
/// <param name="Failed">True when the line reports a failure (iPXE found no DHCP answer, a download failed, the kernel panicked).</param>
public sealed record ConsoleMilestone(BootStep Step, string Detail, bool Failed = false)
{
    /// <summary>The client's MAC address, when the line names it.</summary>
    public string? Mac { get; init; }

    /// <summary>The client's IPv4 address, when the line names it.</summary>
    public string? Address { get; init; }

    /// <summary>The file the line is about (boot file, kernel, initrd).</summary>
    public string? File { get; init; }
}
