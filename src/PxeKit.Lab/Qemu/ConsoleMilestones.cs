using System.Text.RegularExpressions;
using PxeKit.Core.Events;

namespace PxeKit.Lab.Qemu;

/// <summary>
/// Recognises boot milestones in console lines (already assembled by <see cref="ConsoleLineAssembler"/>).
/// A pure function; the patterns follow what SeaBIOS 1.16, OVMF and edk2 for arm64 (edk2 stable202302,
/// Debian 12), iPXE 1.0.0+git-20190125 (Debian's ipxe-qemu ROMs and ipxe.efi), PXELINUX 6.04, GRUB 2.06 and
/// Linux 6.1 print on a serial console. A line reporting a failure becomes a <see cref="BootStep.ConsoleError"/> quoting it.
/// </summary>
public static partial class ConsoleMilestones
{
    /// <summary>The milestone <paramref name="line"/> reports, or null for an ordinary line.</summary>
    public static ConsoleMilestone? Recognise(string line, string marker)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentException.ThrowIfNullOrEmpty(marker);
        if (line.Contains(marker, StringComparison.Ordinal))
        {
            return new ConsoleMilestone(BootStep.Marker, $"marker seen: {marker}");
        }

        return Kernel(line) ?? SeaBios(line) ?? Edk2(line) ?? Ipxe(line) ?? Pxelinux(line) ?? Grub(line);
    }

    private static ConsoleMilestone? Kernel(string line)
    {
        if (LinuxVersion().Match(line) is { Success: true } version)
        {
            return new ConsoleMilestone(BootStep.KernelStarted, $"Linux {version.Groups["version"].Value} started");
        }

        if (KernelPanic().Match(line) is { Success: true } panic)
        {
            return ConsoleMilestone.Error(ConsoleFailure.KernelFailed, $"kernel panic: {panic.Groups["why"].Value}");
        }

        // The kernel's own EFI loader (before "Linux version"): "EFI stub: Loaded initrd from command line option".
        if (EfiStub().Match(line) is { Success: true } stub)
        {
            var text = stub.Groups["text"].Value.Trim();
            return text.StartsWith("ERROR:", StringComparison.Ordinal)
                ? ConsoleMilestone.Error(ConsoleFailure.KernelFailed, $"Linux EFI stub failed: {text["ERROR:".Length..].Trim()}")
                : ConsoleMilestone.Firmware($"Linux EFI stub: {text}");
        }

        return null;
    }

    private static ConsoleMilestone? SeaBios(string line) =>
        SeaBiosVersion().Match(line) is { Success: true } seabios
            ? ConsoleMilestone.Firmware($"SeaBIOS {seabios.Groups["version"].Value} started")
            : null;

    [GeneratedRegex(@"Linux version (?<version>\S+)")]
    private static partial Regex LinuxVersion();

    [GeneratedRegex(@"Kernel panic - not syncing: (?<why>.*)$")]
    private static partial Regex KernelPanic();

    [GeneratedRegex(@"^EFI stub: (?<text>.+)$")]
    private static partial Regex EfiStub();

    [GeneratedRegex(@"^SeaBIOS \(version (?<version>[^)]+)\)")]
    private static partial Regex SeaBiosVersion();
}
