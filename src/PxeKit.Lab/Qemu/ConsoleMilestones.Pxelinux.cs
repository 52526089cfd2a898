using System.Text.RegularExpressions;
using PxeKit.Core.Events;

namespace PxeKit.Lab.Qemu;

/// <summary>PXELINUX 6.04 (BIOS).</summary>
public static partial class ConsoleMilestones
{
    private static ConsoleMilestone? Pxelinux(string line)
    {
        if (PxelinuxBanner().Match(line) is { Success: true } banner)
        {
            return ConsoleMilestone.Firmware($"PXELINUX {banner.Groups["version"].Value} started");
        }

        if (PxelinuxLoading().Match(line) is { Success: true } loading)
        {
            var file = loading.Groups["file"].Value;
            var result = loading.Groups["result"].Value.Trim();
            var milestone = result is "ok" or ""
                ? ConsoleMilestone.Firmware($"PXELINUX loading {file}")
                : ConsoleMilestone.Error(ConsoleFailure.DownloadFailed, $"PXELINUX could not load {file}: {result}");
            return milestone with { File = file };
        }

        return null;
    }

    [GeneratedRegex(@"^PXELINUX (?<version>\d\S*)")]
    private static partial Regex PxelinuxBanner();

    [GeneratedRegex(@"^Loading (?<file>\S+?)\s*\.\.\.(?<result>.*)$")]
    private static partial Regex PxelinuxLoading();
}
