using PxeKit.Core.Events;

namespace PxeKit.Diagnostics.Verdicts;

/// <summary>
/// Why a boot that did not reach its marker failed, read from its journal once it is over: each
/// verdict names the cause, the evidence and the fix, in sentences. Verdicts the server made while it
/// ran (<see cref="BootStep.Diagnosis"/>) come first; a boot that reached its marker has none.
/// </summary>
public static class BootVerdicts
{
    /// <param name="events">The boot's journal: server events and console milestones.</param>
    /// <param name="root">The boot root the server served, to look at the files it sent.</param>
    /// <param name="uefi">The client's firmware is UEFI.</param>
    public static IReadOnlyList<string> Explain(IReadOnlyList<BootEvent> events, string? root, bool uefi)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Any(e => e.Step == BootStep.Marker))
        {
            return [];
        }

        var verdicts = events.Where(e => e.Step == BootStep.Diagnosis).Select(e => e.Detail).ToList();
        if (verdicts.Count > 0)
        {
            return verdicts;
        }

        if (MissingFile(events, root) is { } missing)
        {
            verdicts.Add(missing);
        }

        if (WrongFirmware(events, root, uefi) is { } wrong)
        {
            verdicts.Add(wrong);
        }

        if (events.FirstOrDefault(e => e.Step == BootStep.KernelStarted) is { } kernel)
        {
            verdicts.Add($"The kernel started ({kernel.Detail}) but the expected text never appeared: the network boot worked, "
                + "and what failed is in the kernel or its initramfs (command line, console, init). The console's last lines are below.");
        }

        if (verdicts.Count == 0 && !events.Any(e => e.Step is BootStep.DhcpDiscover or BootStep.WireDhcp or BootStep.WireBootServer))
        {
            verdicts.Add("No DHCP request from the machine reached the server's interface, neither its socket nor the wire: "
                + "check the link between them (cable, switch port, VLAN, bridge or tap) and that the machine tries the network at all.");
        }

        return verdicts;
    }

    /// <summary>A file the client asked for, that the server does not have and that no later request got either.</summary>
    private static string? MissingFile(IReadOnlyList<BootEvent> events, string? root)
    {
        var delivered = events.Where(e => e.Step is BootStep.TftpComplete or BootStep.HttpComplete && e.File is not null)
            .Select(e => Normalize(e.File!)).ToHashSet(StringComparer.Ordinal);
        var missing = events.FirstOrDefault(e => e.Step is BootStep.TftpRefused or BootStep.HttpFailed
            && e.File is { } file && e.Detail.Contains("not found", StringComparison.OrdinalIgnoreCase)
            && !IsProbe(file) && !delivered.Contains(Normalize(file)));
        if (missing is null)
        {
            return null;
        }

        var where = root is null ? "in the boot root" : $"in the boot root {root}";
        return $"The machine asked for {missing.File} and the server does not have it {where}: put the file there, "
            + "or change the boot file, profile or boot loader configuration that names it.";
    }

    /// <summary>A boot program the firmware downloaded whole and then could not start, because it is built for other firmware.</summary>
    private static string? WrongFirmware(IReadOnlyList<BootEvent> events, string? root, bool uefi)
    {
        if (root is null || !uefi || !events.Any(e => e.Step == BootStep.ConsoleError && e.Detail.Contains("load", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        foreach (var sent in events.Where(e => e.Step is BootStep.TftpComplete or BootStep.HttpComplete && e.File is not null))
        {
            var format = BootFileFormat.Describe(Path.Combine(root, Normalize(sent.File!)));
            if (format == BootFileFormat.NotEfi)
            {
                return $"The UEFI firmware downloaded {sent.File}, which is {format}, and could not start it: "
                    + "give UEFI clients an EFI program (for example ipxe.efi, or a profile matched by arch uefi-x64 or arm64).";
            }
        }

        return null;
    }

    /// <summary>Names boot loaders try on purpose before their real configuration (pxelinux.cfg/01-MAC, grub.cfg-IP, ...).</summary>
    private static bool IsProbe(string file)
    {
        var name = Normalize(file);
        return name.StartsWith("pxelinux.cfg/", StringComparison.Ordinal) && name != "pxelinux.cfg/default"
            || name.Contains("grub.cfg-", StringComparison.Ordinal)
            || name.EndsWith(".lst", StringComparison.Ordinal);
    }

    private static string Normalize(string file) => file.TrimStart('/');
}
