using System.Text.RegularExpressions;
using PxeKit.Server.Journal;

namespace PxeKit.Lab.Qemu;

/// <summary>
/// Recognises boot milestones in console lines (already assembled by <see cref="ConsoleLineAssembler"/>).
/// A pure function; the patterns follow what SeaBIOS 1.16, iPXE 1.0.0+git-20190125 (Debian's ipxe-qemu),
/// PXELINUX 6.04 and Linux 6.1 print on a serial console.
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

        return Kernel(line) ?? Firmware(line) ?? Ipxe(line) ?? Pxelinux(line);
    }

    private static ConsoleMilestone? Kernel(string line)
    {
        if (LinuxVersion().Match(line) is { Success: true } version)
        {
            return new ConsoleMilestone(BootStep.KernelStarted, $"Linux {version.Groups["version"].Value} started");
        }

        return KernelPanic().Match(line) is { Success: true } panic
            ? new ConsoleMilestone(BootStep.KernelStarted, $"kernel panic: {panic.Groups["why"].Value}", Failed: true)
            : null;
    }

    private static ConsoleMilestone? Firmware(string line)
    {
        if (SeaBios().Match(line) is { Success: true } seabios)
        {
            return new ConsoleMilestone(BootStep.Firmware, $"SeaBIOS {seabios.Groups["version"].Value} started");
        }

        if (IpxeStart().Match(line) is { Success: true } start)
        {
            return new ConsoleMilestone(BootStep.Firmware, $"iPXE option ROM started (PCI {start.Groups["pci"].Value})");
        }

        return IpxeBanner().Match(line) is { Success: true } banner
            ? new ConsoleMilestone(BootStep.Firmware, $"iPXE {banner.Groups["version"].Value} running")
            : null;
    }

    private static ConsoleMilestone? Ipxe(string line)
    {
        if (IpxeConfiguring().Match(line) is { Success: true } dhcp)
        {
            var result = dhcp.Groups["result"].Value.Trim();
            var ok = result.StartsWith("ok", StringComparison.Ordinal);
            return new ConsoleMilestone(BootStep.Firmware, $"iPXE DHCP on {dhcp.Groups["nic"].Value}: {(ok ? "ok" : result)}", !ok)
            {
                Mac = dhcp.Groups["mac"].Value,
            };
        }

        if (IpxeAddress().Match(line) is { Success: true } address)
        {
            var ip = address.Groups["ip"].Value;
            return new ConsoleMilestone(BootStep.Firmware, $"iPXE configured {ip}/{address.Groups["mask"].Value}") { Address = ip };
        }

        if (IpxeFilename().Match(line) is { Success: true } filename)
        {
            var file = filename.Groups["file"].Value;
            return new ConsoleMilestone(BootStep.Firmware, $"iPXE was offered boot file {file}") { File = file };
        }

        if (IpxeDownload().Match(line) is { Success: true } download)
        {
            var url = download.Groups["url"].Value;
            var result = download.Groups["result"].Value.Trim();
            var ok = result == "ok";
            var detail = ok ? $"iPXE downloaded {url}" : $"iPXE could not download {url}: {result}";
            return new ConsoleMilestone(BootStep.Firmware, detail, !ok) { File = url };
        }

        return line.Contains("No configuration methods succeeded", StringComparison.Ordinal)
            ? new ConsoleMilestone(BootStep.Firmware, "iPXE got no usable DHCP answer (No configuration methods succeeded)", Failed: true)
            : null;
    }

    private static ConsoleMilestone? Pxelinux(string line)
    {
        if (PxelinuxBanner().Match(line) is { Success: true } banner)
        {
            return new ConsoleMilestone(BootStep.Firmware, $"PXELINUX {banner.Groups["version"].Value} started");
        }

        if (PxelinuxLoading().Match(line) is { Success: true } loading)
        {
            var file = loading.Groups["file"].Value;
            var result = loading.Groups["result"].Value.Trim();
            var ok = result is "ok" or "";
            var detail = ok ? $"PXELINUX loading {file}" : $"PXELINUX could not load {file}: {result}";
            return new ConsoleMilestone(BootStep.Firmware, detail, !ok) { File = file };
        }

        return null;
    }

    [GeneratedRegex(@"Linux version (?<version>\S+)")]
    private static partial Regex LinuxVersion();

    [GeneratedRegex(@"Kernel panic - not syncing: (?<why>.*)$")]
    private static partial Regex KernelPanic();

    [GeneratedRegex(@"^SeaBIOS \(version (?<version>[^)]+)\)")]
    private static partial Regex SeaBios();

    [GeneratedRegex(@"^iPXE \(PCI (?<pci>[0-9a-fA-F:.]+)\) starting execution")]
    private static partial Regex IpxeStart();

    [GeneratedRegex(@"^iPXE (?<version>\d\S*) -- Open Source Network Boot Firmware")]
    private static partial Regex IpxeBanner();

    [GeneratedRegex(@"^Configuring \((?<nic>net\d+) (?<mac>[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5})\)\.*(?<result>.*)$")]
    private static partial Regex IpxeConfiguring();

    [GeneratedRegex(@"^net\d+: (?<ip>\d{1,3}(\.\d{1,3}){3})/(?<mask>\S+)")]
    private static partial Regex IpxeAddress();

    [GeneratedRegex(@"^Filename: (?<file>\S+)")]
    private static partial Regex IpxeFilename();

    [GeneratedRegex(@"^(?<url>(tftp|https?|ftp|nfs)://\S+?)\.\.\.(?<result>.*)$")]
    private static partial Regex IpxeDownload();

    [GeneratedRegex(@"^PXELINUX (?<version>\d\S*)")]
    private static partial Regex PxelinuxBanner();

    [GeneratedRegex(@"^Loading (?<file>\S+?)\s*\.\.\.(?<result>.*)$")]
    private static partial Regex PxelinuxLoading();
}
