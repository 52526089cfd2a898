using PxeKit.Core.Events;
using PxeKit.Core.Files;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Trace;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Diagnostics.Verdicts;

/// <summary>
/// Why a boot that did not reach its marker failed, read from its journal once it is over. Verdicts the
/// server made while it ran (<see cref="BootStep.Diagnosis"/>) come first; a boot that reached its marker
/// has none.
/// </summary>
public static class BootVerdicts
{
    /// <param name="events">The boot's journal: server events and console milestones.</param>
    /// <param name="root">The boot root the server served, to look at files whose events do not say their format.</param>
    /// <param name="uefi">The client's firmware is UEFI.</param>
    public static IReadOnlyList<Verdict> Explain(IReadOnlyList<BootEvent> events, string? root, bool uefi)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Any(e => e.Step == BootStep.Marker))
        {
            return [];
        }

        var verdicts = events.Where(e => e.Step == BootStep.Diagnosis).Select(e => e.Verdict).OfType<Verdict>().ToList();
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
            verdicts.Add(Verdict.Of(
                FaultId.KernelWithoutMarker,
                Client(kernel),
                "The kernel started but the expected text never appeared: the network boot worked, and what failed is in the kernel or its initramfs (command line, console, init).",
                "",
                "Look at the console's last lines below, and at the kernel command line and the initramfs's init.",
                kernel));
        }

        if (verdicts.Count == 0 && !events.Any(e => e.Step is BootStep.DhcpDiscover or BootStep.WireDhcp or BootStep.WireBootServer))
        {
            verdicts.Add(Verdict.Of(
                FaultId.NoDhcpRequest,
                "",
                "No DHCP request from the machine reached the server's interface, neither its socket nor the wire.",
                "",
                "Check the link between them (cable, switch port, VLAN, bridge or tap) and that the machine tries the network at all."));
        }

        return verdicts;
    }

    /// <summary>A file the client asked for, that the server does not have and that no later request got either.</summary>
    private static Verdict? MissingFile(IReadOnlyList<BootEvent> events, string? root)
    {
        var delivered = events.Where(e => e.Step is BootStep.TftpComplete or BootStep.HttpComplete && e.File is not null)
            .Select(e => Normalize(e.File!)).ToHashSet(StringComparer.Ordinal);
        var missing = events.FirstOrDefault(e => IsNotFound(e) && e.File is { } file && !BootLoaderProbe.Is(file) && !delivered.Contains(Normalize(file)));
        if (missing is null)
        {
            return null;
        }

        var where = root is null ? "in the boot root" : $"in the boot root {root}";
        return Verdict.Of(
            FaultId.BootFileMissing,
            Client(missing),
            $"The machine asked for {missing.File} and the server does not have it {where}.",
            "",
            "Put the file there, or change the boot file, profile or boot loader configuration that names it.",
            missing);
    }

    private static bool IsNotFound(BootEvent e) =>
        e is { Step: BootStep.TftpRefused, Tftp.ErrorCode: TftpErrorCode.FileNotFound } or { Step: BootStep.HttpFailed, Http.Status: 404 };

    /// <summary>A boot program the firmware downloaded whole and then could not start, because it is built for other firmware.</summary>
    private static Verdict? WrongFirmware(IReadOnlyList<BootEvent> events, string? root, bool uefi)
    {
        var refused = events.FirstOrDefault(e => e is { Step: BootStep.ConsoleError, ConsoleFailure: ConsoleFailure.ProgramNotStarted });
        if (!uefi || refused is null)
        {
            return null;
        }

        foreach (var sent in events.Where(e => e.Step is BootStep.TftpComplete or BootStep.HttpComplete && e.File is not null))
        {
            var format = sent.Format ?? (root is null ? null : ProgramFormats.Read(Path.Combine(root, Normalize(sent.File!))));
            if (format == ProgramFormat.NotEfi)
            {
                return Verdict.Of(
                    FaultId.WrongFirmwareProgram,
                    Client(sent),
                    $"The UEFI firmware downloaded {sent.File}, which is {ProgramFormats.Describe(ProgramFormat.NotEfi)}, and could not start it.",
                    "",
                    "Give UEFI clients an EFI program (for example ipxe.efi, or a profile matched by arch uefi-x64 or arm64).",
                    sent, refused);
            }
        }

        return null;
    }

    private static string Client(BootEvent e) => e.Mac ?? e.Address ?? "";

    private static string Normalize(string file) => file.TrimStart('/');
}
