using System.Text.RegularExpressions;
using PxeKit.Core.Events;
using PxeKit.Lab.Fixtures;

namespace PxeKit.Lab.Qemu;

/// <summary>
/// GRUB 2.06 (Debian 12's arm64 EFI modules) as a network boot program, and the lines of the lab's own
/// <see cref="Arm64BootFixture.GrubConfigText"/>. GRUB prints no line per download; its errors start with
/// <c>error: </c> (lower case, unlike edk2's HTTP Boot <c>Error: </c>).
/// </summary>
public static partial class ConsoleMilestones
{
    private static ConsoleMilestone? Grub(string line)
    {
        if (line.StartsWith("Welcome to GRUB!", StringComparison.Ordinal))
        {
            return ConsoleMilestone.Firmware("GRUB started");
        }

        if (line.StartsWith(Arm64BootFixture.GrubLoadingMessage + " ", StringComparison.Ordinal))
        {
            return ConsoleMilestone.Firmware($"GRUB loading the kernel and initrd from ({line[(Arm64BootFixture.GrubLoadingMessage.Length + 1)..].Trim()})");
        }

        if (GrubError().Match(line) is { Success: true } error)
        {
            return ConsoleMilestone.Error(ConsoleFailure.LoaderFailed, $"GRUB: {error.Groups["why"].Value.Trim()}");
        }

        if (line.StartsWith(Arm64BootFixture.GrubFailedMessage, StringComparison.Ordinal))
        {
            return ConsoleMilestone.Error(ConsoleFailure.LoaderFailed, "GRUB could not start the kernel and reboots");
        }

        // GRUB's command line announces itself so; the lab's configuration never ends there.
        return line.Contains("Minimal BASH-like line editing is supported", StringComparison.Ordinal)
            ? ConsoleMilestone.Error(ConsoleFailure.LoaderFailed, "GRUB stopped at its command line: it read no grub.cfg, or grub.cfg booted nothing")
            : null;
    }

    /// <summary><c>error: file /srv/tftp/vmlinuz not found for 10.47.7.111.</c> (the TFTP server's own message), <c>error: you need to load the kernel first.</c></summary>
    [GeneratedRegex(@"^error: (?<why>.+)$")]
    private static partial Regex GrubError();
}
