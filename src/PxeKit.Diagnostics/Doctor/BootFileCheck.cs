using System.Globalization;
using PxeKit.Core.Events;
using PxeKit.Core.Files;

namespace PxeKit.Diagnostics.Doctor;

/// <summary>
/// Every file the configuration sends: present, readable, built for the firmware it goes to (told by its format,
/// PE32+ machine versus a BIOS program), and, over TFTP, small enough for clients that cannot count past block
/// 65535.
/// </summary>
public sealed class BootFileCheck : IDoctorCheck
{
    /// <summary>TFTP counts blocks in 16 bits: past 65535 blocks a client must roll the counter over, and some firmware does not.</summary>
    private const long MaxBlocks = 65535;

    /// <summary>The block size almost all PXE firmware negotiates (an Ethernet frame's worth).</summary>
    private const long FirmwareBlockSize = 1468;

    /// <summary>RFC 1350's block size, used by clients that negotiate nothing.</summary>
    private const long PlainBlockSize = 512;

    /// <summary>A BIOS PXE ROM loads its program into base memory, below 640 KiB; leave room for the ROM's own data.</summary>
    private const long BiosProgramLimit = 512 * 1024;

    public string Name => "boot files";

    public Task<IReadOnlyList<DoctorFinding>> RunAsync(DoctorSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var findings = new List<DoctorFinding>();
        if (subject.Root is null)
        {
            if (subject.BootFiles.Count == 0)
            {
                findings.Add(DoctorFinding.Info(Name, "No boot root or configuration given, so no boot file was checked.", "pxekit doctor --root DIR (or --config FILE)"));
            }

            return Task.FromResult<IReadOnlyList<DoctorFinding>>(findings);
        }

        foreach (var use in subject.BootFiles)
        {
            findings.AddRange(Check(subject.Root, use));
        }

        return Task.FromResult<IReadOnlyList<DoctorFinding>>(findings);
    }

    private IEnumerable<DoctorFinding> Check(string root, BootFileUse use)
    {
        if (use.Path.Contains("://", StringComparison.Ordinal))
        {
            yield return DoctorFinding.Info(Name, $"{use.Path} ({use.Purpose}) is a URL: the client fetches it from another server, which the doctor does not check.");
            yield break;
        }

        var path = Path.Combine(root, use.Path.TrimStart('/'));
        if (Measure(path, use) is { } unreadable)
        {
            yield return unreadable;
            yield break;
        }

        long size = new FileInfo(path).Length;
        var format = ProgramFormats.Read(path) ?? ProgramFormat.NotEfi;
        var wrong = Mismatch(use.Firmware, format);
        var described = ProgramFormats.Describe(format);
        yield return wrong is null
            ? DoctorFinding.Ok(Name, $"{use.Path} ({use.Purpose}) is there: {Size(size)}, {described}.")
            : DoctorFinding.Error(Name, $"{use.Path} ({use.Purpose}) is {described}, but it is sent to {wrong}: that firmware cannot run it.", "send a program built for that firmware (e.g. undionly.kpxe or pxelinux.0 for BIOS, ipxe.efi or grubx64.efi for UEFI x64, grubaa64.efi for ARM64)");

        if (use.OverTftp && size > MaxBlocks * FirmwareBlockSize)
        {
            yield return DoctorFinding.Error(Name, $"{use.Path} is {Size(size)}: over TFTP that is more than 65535 blocks even at {FirmwareBlockSize} bytes, and firmware that cannot roll the block number over stops at {Size(MaxBlocks * FirmwareBlockSize)}.", "send it over HTTP (through iPXE), or split it");
        }
        else if (use.OverTftp && size > MaxBlocks * PlainBlockSize)
        {
            yield return DoctorFinding.Warning(Name, $"{use.Path} is {Size(size)}: clients that use {PlainBlockSize}-byte TFTP blocks and cannot roll the block number over stop at {Size(MaxBlocks * PlainBlockSize)}.", "send it over HTTP (through iPXE) if such clients fail");
        }

        if (use.Firmware == BootFileTarget.Bios && use.OverTftp && size > BiosProgramLimit)
        {
            yield return DoctorFinding.Warning(Name, $"{use.Path} is {Size(size)}: a BIOS PXE ROM loads its program below 640 KiB, so a program this large may not fit.", "chainload a small program first (undionly.kpxe, pxelinux.0) that fetches the rest");
        }
    }

    /// <summary>An error finding when the file is missing or cannot be read; null when it opens.</summary>
    private DoctorFinding? Measure(string path, BootFileUse use)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return DoctorFinding.Error(Name, $"{use.Path} ({use.Purpose}) is missing: there is no {path}.", $"put the file at {path}, or change the configuration to a file that exists");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return DoctorFinding.Error(Name, $"{use.Path} ({use.Purpose}) cannot be read: {e.Message}", $"chmod a+r {path}");
        }
    }

    /// <summary>The firmware a file of <paramref name="format"/> is wrongly sent to, or null when it fits.</summary>
    private static string? Mismatch(BootFileTarget? target, ProgramFormat format) => target switch
    {
        BootFileTarget.Bios when format != ProgramFormat.NotEfi => "BIOS clients",
        BootFileTarget.UefiX64 when format != ProgramFormat.EfiX64 => "UEFI x64 clients",
        BootFileTarget.UefiArm64 when format != ProgramFormat.EfiArm64 => "ARM64 UEFI clients",
        _ => null,
    };

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.0} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB");
}
