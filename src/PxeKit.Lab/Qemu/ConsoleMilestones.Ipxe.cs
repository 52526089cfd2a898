using System.Text.RegularExpressions;
using PxeKit.Core.Events;

namespace PxeKit.Lab.Qemu;

/// <summary>iPXE, as an option ROM under SeaBIOS or OVMF, or as an EFI program (<c>ipxe.efi</c>).</summary>
public static partial class ConsoleMilestones
{
    private static ConsoleMilestone? Ipxe(string line) => IpxeStart(line) ?? IpxeNetwork(line) ?? IpxeDownload(line);

    private static ConsoleMilestone? IpxeStart(string line)
    {
        if (IpxeRomStart().Match(line) is { Success: true } start)
        {
            return ConsoleMilestone.Firmware($"iPXE option ROM started (PCI {start.Groups["pci"].Value})");
        }

        // Before the banner, as an option ROM and as ipxe.efi alike.
        if (line.StartsWith("iPXE initialising devices...", StringComparison.Ordinal))
        {
            return line.EndsWith("ok", StringComparison.Ordinal)
                ? ConsoleMilestone.Firmware("iPXE initialised its devices")
                : ConsoleMilestone.Error(ConsoleFailure.DeviceFailed, $"iPXE could not initialise its devices: {line["iPXE initialising devices...".Length..].Trim()}");
        }

        return IpxeBanner().Match(line) is { Success: true } banner
            ? ConsoleMilestone.Firmware($"iPXE {banner.Groups["version"].Value} running")
            : null;
    }

    private static ConsoleMilestone? IpxeNetwork(string line)
    {
        if (IpxeOpened().Match(line) is { Success: true } opened)
        {
            var what = $"{opened.Groups["nic"].Value} ({opened.Groups["driver"].Value} on {opened.Groups["device"].Value})";
            return ConsoleMilestone.Firmware($"iPXE opened {what}") with { Mac = opened.Groups["mac"].Value };
        }

        if (IpxeConfiguring().Match(line) is { Success: true } dhcp)
        {
            var nic = dhcp.Groups["nic"].Value;
            var result = dhcp.Groups["result"].Value.Trim();
            var milestone = result.StartsWith("ok", StringComparison.Ordinal)
                ? ConsoleMilestone.Firmware($"iPXE DHCP on {nic}: ok")
                : ConsoleMilestone.Error(ConsoleFailure.NoDhcp, $"iPXE DHCP on {nic}: {result}");
            return milestone with { Mac = dhcp.Groups["mac"].Value };
        }

        if (IpxeAddress().Match(line) is { Success: true } address)
        {
            var ip = address.Groups["ip"].Value;
            return ConsoleMilestone.Firmware($"iPXE configured {ip}/{address.Groups["mask"].Value}") with { Address = ip };
        }

        if (IpxeFilename().Match(line) is { Success: true } filename)
        {
            var file = filename.Groups["file"].Value;
            return ConsoleMilestone.Firmware($"iPXE was offered boot file {file}") with { File = file };
        }

        return line.Contains("No configuration methods succeeded", StringComparison.Ordinal)
            ? ConsoleMilestone.Error(ConsoleFailure.NoDhcp, "iPXE got no usable DHCP answer (No configuration methods succeeded)")
            : null;
    }

    private static ConsoleMilestone? IpxeDownload(string line)
    {
        if (IpxeFetch().Match(line) is { Success: true } download)
        {
            var url = download.Groups["url"].Value;
            var result = download.Groups["result"].Value.Trim();
            var milestone = result == "ok"
                ? ConsoleMilestone.Firmware($"iPXE downloaded {url}")
                : ConsoleMilestone.Error(ConsoleFailure.DownloadFailed, $"iPXE could not download {url}: {result}");
            return milestone with { File = url };
        }

        if (IpxeImage().Match(line) is { Success: true } image)
        {
            var name = image.Groups["name"].Value;
            return ConsoleMilestone.Firmware($"iPXE runs {name} ({image.Groups["type"].Value}, {image.Groups["size"].Value} bytes)") with { File = name };
        }

        return null;
    }

    [GeneratedRegex(@"^iPXE \(PCI (?<pci>[0-9a-fA-F:.]+)\) starting execution")]
    private static partial Regex IpxeRomStart();

    [GeneratedRegex(@"^iPXE (?<version>\d\S*) -- Open Source Network Boot Firmware")]
    private static partial Regex IpxeBanner();

    /// <summary><c>net0: 52:54:00:12:34:56 using SNP on SNP-0000:00:02.0 (open)</c> (EFI) or <c>using virtio-net on 0000:00:02.0</c>.</summary>
    [GeneratedRegex(@"^(?<nic>net\d+): (?<mac>[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}) using (?<driver>\S+) on (?<device>\S+)")]
    private static partial Regex IpxeOpened();

    [GeneratedRegex(@"^Configuring \((?<nic>net\d+) (?<mac>[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5})\)\.*(?<result>.*)$")]
    private static partial Regex IpxeConfiguring();

    [GeneratedRegex(@"^net\d+: (?<ip>\d{1,3}(\.\d{1,3}){3})/(?<mask>\S+)")]
    private static partial Regex IpxeAddress();

    [GeneratedRegex(@"^Filename: (?<file>\S+)")]
    private static partial Regex IpxeFilename();

    /// <summary>
    /// <c>tftp://10.47.0.1/pxelinux.0... ok</c>, or a script's relative name, <c>vmlinuz... ok</c>; a failure
    /// ends with iPXE's error URL. A relative name must end in ok or such a URL, so that other lines ending
    /// in dots (<c>Press Ctrl-B for the iPXE command line...</c>) are not taken for downloads.
    /// </summary>
    [GeneratedRegex(@"^(?<url>(tftp|https?|ftp|nfs)://\S+?)\.\.\.(?<result>.*)$|^(?<url>[^\s:]+?)\.\.\. ?(?<result>ok|[^(]*\(https?://ipxe\.org/[0-9a-f]+\))$")]
    private static partial Regex IpxeFetch();

    /// <summary><c>boot.ipxe : 84 bytes [script]</c>: iPXE executes a downloaded image.</summary>
    [GeneratedRegex(@"^(?<name>\S+) : (?<size>\d+) bytes \[(?<type>[^\]]+)\]$")]
    private static partial Regex IpxeImage();
}
