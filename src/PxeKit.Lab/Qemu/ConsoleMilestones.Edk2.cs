using System.Text.RegularExpressions;
using PxeKit.Core.Events;

namespace PxeKit.Lab.Qemu;

/// <summary>
/// OVMF's boot manager (BdsDxe) and edk2's network boot clients (PxeBcDxe, HttpBootDxe), as Debian 12's
/// OVMF prints them on the serial console. The PXE and HTTP clients indent their lines by one or two spaces.
/// </summary>
public static partial class ConsoleMilestones
{
    private static ConsoleMilestone? Edk2(string line) => Edk2Banner(line) ?? BootManager(line) ?? Edk2Pxe(line) ?? Edk2Http(line);

    /// <summary>edk2 for arm64 (ArmVirtQemu) starts with a banner; Debian's build leaves the version empty. OVMF prints none.</summary>
    private static ConsoleMilestone? Edk2Banner(string line)
    {
        if (Edk2FirmwareBanner().Match(line) is not { Success: true } banner)
        {
            return null;
        }

        var version = banner.Groups["version"].Value.Trim();
        return ConsoleMilestone.Firmware(version.Length == 0 ? "UEFI firmware started" : $"UEFI firmware {version} started");
    }

    private static ConsoleMilestone? BootManager(string line)
    {
        if (BdsOption().Match(line) is not { Success: true } option)
        {
            return null;
        }

        var what = $"{option.Groups["option"].Value} \"{option.Groups["description"].Value.Trim()}\"";
        var mac = BootOptionMac().Match(option.Groups["description"].Value) is { Success: true } m ? ColonMac(m.Groups["mac"].Value) : null;
        var reason = option.Groups["reason"].Value;
        var milestone = option.Groups["verb"].Value switch
        {
            "loading" => ConsoleMilestone.Firmware($"UEFI loading {what}"),
            "starting" => ConsoleMilestone.Firmware($"UEFI starting {what}"),
            // Boot options before the network (q35's empty DVD drive) fail on every boot: not the boot's failure.
            _ when !IsNetworkOption(what) => ConsoleMilestone.Firmware($"UEFI skipped {what}: {reason}"),
            "failed to load" when IsSecureBootRefusal(reason) => ConsoleMilestone.Error(
                ConsoleFailure.ProgramRefused, $"UEFI Secure Boot refused the program of {what}: {reason} (no signature the firmware trusts)"),
            "failed to load" => ConsoleMilestone.Error(ConsoleFailure.ProgramNotStarted, $"UEFI could not load {what}: {reason}"),
            _ => ConsoleMilestone.Error(ConsoleFailure.ProgramNotStarted, $"UEFI could not start {what}: {reason}"),
        };
        return milestone with { Mac = mac };
    }

    private static ConsoleMilestone? Edk2Pxe(string line)
    {
        var text = line.Trim();
        if (StartNetworkBoot().Match(text) is { Success: true } start)
        {
            return ConsoleMilestone.Firmware($"UEFI {start.Groups["what"].Value} over {start.Groups["ip"].Value} started") with
            {
                NetworkBoot = new NetworkBootFacts
                {
                    Client = start.Groups["what"].Value == "PXE" ? NetworkBootClient.Pxe : NetworkBootClient.HttpBoot,
                    Family = start.Groups["ip"].Value == "IPv6" ? IpFamily.Ipv6 : IpFamily.Ipv4,
                },
            };
        }

        if (StationAddress().Match(text) is { Success: true } station)
        {
            var ip = station.Groups["ip"].Value;
            return ConsoleMilestone.Firmware($"UEFI network boot configured {ip}") with { Address = ip };
        }

        if (NbpFilename().Match(text) is { Success: true } nbp)
        {
            var file = nbp.Groups["file"].Value;
            return ConsoleMilestone.Firmware($"UEFI PXE was offered boot file {file}") with { File = file };
        }

        if (text.StartsWith("Downloading NBP file", StringComparison.Ordinal))
        {
            return ConsoleMilestone.Firmware("UEFI PXE downloading the boot file");
        }

        if (text.StartsWith("NBP file downloaded successfully", StringComparison.Ordinal))
        {
            return ConsoleMilestone.Firmware("UEFI PXE downloaded the boot file");
        }

        return PxeError().IsMatch(text)
            ? ConsoleMilestone.Error(ConsoleFailure.NetworkBootFailed, $"UEFI PXE failed: {text}")
            : null;
    }

    private static ConsoleMilestone? Edk2Http(string line)
    {
        var text = line.Trim();
        if (HttpUri().Match(text) is { Success: true } uri)
        {
            var url = uri.Groups["uri"].Value;
            return ConsoleMilestone.Firmware($"UEFI HTTP Boot fetching {url}") with { File = url };
        }

        // HttpBootDxe ends its progress line without a newline, so the boot manager's next line follows on the
        // same one: "  Downloading...100%BdsDxe: loading Boot0001 ...". The download is the news; "starting" follows.
        if (text.StartsWith("Downloading...100%", StringComparison.Ordinal))
        {
            return ConsoleMilestone.Firmware("UEFI HTTP Boot downloaded the boot file");
        }

        return HttpError().Match(text) is { Success: true } error
            ? ConsoleMilestone.Error(ConsoleFailure.NetworkBootFailed, $"UEFI HTTP Boot failed: {error.Groups["why"].Value}")
            : null;
    }

    /// <summary>
    /// What edk2's image loader returns when the security policy (DxeImageVerificationLib) rejects an image: EFI_ACCESS_DENIED
    /// for a program that is not signed by a trusted key, EFI_SECURITY_VIOLATION for one that is forbidden (dbx) or deferred.
    /// </summary>
    private static bool IsSecureBootRefusal(string reason) =>
        reason.StartsWith("Access Denied", StringComparison.Ordinal) || reason.StartsWith("Security Violation", StringComparison.Ordinal);

    private static bool IsNetworkOption(string what) =>
        what.Contains("PXE", StringComparison.Ordinal) || what.Contains("HTTP", StringComparison.Ordinal);

    /// <summary>edk2 writes MACs as 12 hex digits (<c>MAC:525400123456</c>); the journal uses colons.</summary>
    private static string ColonMac(string hex) =>
        string.Join(':', Enumerable.Range(0, 6).Select(i => hex.Substring(i * 2, 2))).ToLowerInvariant();

    /// <summary><c>UEFI firmware (version  built at 13:10:49 on Nov  5 2024)</c></summary>
    [GeneratedRegex(@"^UEFI firmware \(version (?<version>.*?) built at ")]
    private static partial Regex Edk2FirmwareBanner();

    /// <summary><c>BdsDxe: loading Boot0001 "UEFI PXEv4 (MAC:525400123456)" from PciRoot(0x0)/...</c>; failures end with <c>: Not Found</c>.</summary>
    [GeneratedRegex(@"^BdsDxe: (?<verb>loading|starting|failed to load|failed to start) (?<option>Boot[0-9A-Fa-f]{4}) ""(?<description>[^""]*)"" from \S+?(: (?<reason>.+))?$")]
    private static partial Regex BdsOption();

    [GeneratedRegex(@"\(MAC:(?<mac>[0-9A-Fa-f]{12})\)")]
    private static partial Regex BootOptionMac();

    /// <summary><c>>>Start PXE over IPv4.</c>, <c>>>Start HTTP Boot over IPv4.....</c></summary>
    [GeneratedRegex(@"^>>Start (?<what>PXE|HTTP Boot) over (?<ip>IPv[46])")]
    private static partial Regex StartNetworkBoot();

    [GeneratedRegex(@"^Station IP address is (?<ip>[0-9a-fA-F.:]+)")]
    private static partial Regex StationAddress();

    [GeneratedRegex(@"^NBP filename is (?<file>\S+)")]
    private static partial Regex NbpFilename();

    /// <summary><c>PXE-E16: No valid offer received.</c>, <c>PXE-E18: Server response timeout.</c>, ...</summary>
    [GeneratedRegex(@"^PXE-E[0-9A-F]{2}: ")]
    private static partial Regex PxeError();

    [GeneratedRegex(@"^URI: (?<uri>\S+)")]
    private static partial Regex HttpUri();

    /// <summary><c>Error: Could not retrieve NBP file size from HTTP server.</c>, <c>Error: Server response timeout.</c></summary>
    [GeneratedRegex(@"^Error: (?<why>.+)$")]
    private static partial Regex HttpError();
}
