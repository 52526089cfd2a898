using System.Text.RegularExpressions;
using PxeKit.Core.Events;
using PxeKit.Lab.Fixtures;

namespace PxeKit.Lab.Qemu;

/// <summary>
/// GRUB 2.06 (Debian 12's arm64 EFI modules, and Debian's signed x64 network image) as a network boot program, and the
/// lines of the lab's own <see cref="Arm64BootFixture.GrubConfigText"/> and of the server's grub.cfg for <c>chain: shim</c>. GRUB prints no line per download; its errors start with
/// <c>error: </c> (lower case, unlike edk2's HTTP Boot <c>Error: </c>).
/// </summary>
public static partial class ConsoleMilestones
{
    /// <summary>How the server's generated grub.cfg (<c>chain: shim</c>) starts its line before the kernel: <c>PxeKit GRUB: profile NAME boots ...</c>.</summary>
    public const string ShimChainGrubLoading = "PxeKit GRUB: profile ";

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

        // The grub.cfg the server makes for a profile with chain: shim (PxeKit.Server's GrubConfig.LoadingMessage).
        if (line.StartsWith(ShimChainGrubLoading, StringComparison.Ordinal))
        {
            return ConsoleMilestone.Firmware("GRUB: " + line["PxeKit GRUB: ".Length..].Trim());
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
