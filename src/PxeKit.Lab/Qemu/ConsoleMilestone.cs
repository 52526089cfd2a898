using PxeKit.Core.Events;

namespace PxeKit.Lab.Qemu;

/// <summary>A console line the lab recognises as a step of the boot.</summary>
/// <param name="Step">
/// The journal step: <see cref="BootStep.Firmware"/>, <see cref="BootStep.KernelStarted"/>, <see cref="BootStep.Marker"/>,
/// or <see cref="BootStep.ConsoleError"/> when the line reports a failure.
/// </param>
/// <param name="Text">A short sentence for the timeline.</param>
public sealed record ConsoleMilestone(BootStep Step, string Text)
{
    /// <summary>True when the line reports a failure (no DHCP answer, a download failed, the kernel panicked).</summary>
    public bool Failed => Step == BootStep.ConsoleError;

    /// <summary>The client's MAC address, when the line names it.</summary>
    public string? Mac { get; init; }

    /// <summary>The client's IPv4 address, when the line names it.</summary>
    public string? Address { get; init; }

    /// <summary>The file the line is about (boot file, kernel, initrd, URL).</summary>
    public string? File { get; init; }

    /// <summary>The firmware's network boot client that the line says started, and over which IP version.</summary>
    public NetworkBootFacts? NetworkBoot { get; init; }

    internal static ConsoleMilestone Firmware(string detail) => new(BootStep.Firmware, detail);

    /// <summary>What kind of failure the line reports, for <see cref="BootStep.ConsoleError"/>.</summary>
    public ConsoleFailure? Failure { get; init; }

    internal static ConsoleMilestone Error(ConsoleFailure failure, string detail) => new(BootStep.ConsoleError, detail) { Failure = failure };
}
