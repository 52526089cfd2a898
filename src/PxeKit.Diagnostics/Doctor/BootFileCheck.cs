using PxeKit.Core.Events;
using PxeKit.Core.Files;
using PxeKit.Core.Interop;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Doctor;

/// <summary>
/// Every file the configuration sends, as the host has it: there or not, readable or not, its size, and its format
/// (PE32+ machine type, or a BIOS program) and, for an EFI program, whether it is signed (an unsigned one is said, since
/// Secure Boot firmware refuses it), with the firmware it is sent to. The engine's rules judge them: a missing,
/// unreadable, wrong-firmware or too-large file is named as serve and trace name it.
/// </summary>
public sealed class BootFileCheck : IDoctorCheck
{
    public string Name => "boot files";

    public Task<CheckResult> RunAsync(DoctorSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.Root is null)
        {
            return Task.FromResult(subject.BootFiles.Count == 0
                ? new CheckResult([HostObservation.Info(Name, "No boot root or configuration given, so no boot file was checked.", "pxekit doctor --root DIR (or --config FILE)")], [])
                : CheckResult.Empty);
        }

        var observations = new List<HostObservation>();
        var evidence = new List<BootEvent>();
        foreach (var use in subject.BootFiles)
        {
            var (observation, found) = Look(subject.Root, use, subject.ServingUser);
            if (observation is not null)
            {
                observations.Add(observation);
            }

            evidence.Add(found);
        }

        return Task.FromResult(new CheckResult(observations, evidence));
    }

    /// <summary>The file as the host has it, and a line for people when it is there.</summary>
    private (HostObservation? Observation, BootEvent Found) Look(string root, BootFileUse use, UnixUser? servingUser)
    {
        var facts = new BootFileFacts { State = BootFileState.Present, Purpose = use.Purpose, OverTftp = use.OverTftp, Firmware = Firmware(use.Firmware) };
        var found = HostEvidence.Of(BootStep.HostBootFile) with { File = use.Path, Detail = $"{use.Path} ({use.Purpose})" };
        if (use.Path.Contains("://", StringComparison.Ordinal))
        {
            return (HostObservation.Info(Name, $"{use.Path} ({use.Purpose}) is a URL: the client fetches it from another server, which the doctor does not check."),
                found with { BootFile = facts with { State = BootFileState.Elsewhere } });
        }

        var path = Path.Combine(root, use.Path.TrimStart('/'));
        facts = facts with { Path = path };
        try
        {
            using (File.OpenRead(path))
            {
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (null, found with { BootFile = facts with { State = BootFileState.Missing } });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, found with { BootFile = facts with { State = BootFileState.Unreadable, Reason = e.Message } });
        }

        if (servingUser is { IsRoot: false } user && !UserAccess.MayRead(user, path))
        {
            var owner = Privileges.Owner(path, out _);
            return (null, found with
            {
                BootFile = facts with
                {
                    State = BootFileState.Unreadable,
                    Reason = $"user {user.Name}, whom pxekit serve runs as, may not read it"
                        + (owner is { } o ? $" (owner uid {o.Uid}, gid {o.Gid}, mode {Convert.ToString((int)o.Mode, 8)})" : ""),
                },
            });
        }

        long size = new FileInfo(path).Length;
        var format = ProgramFormats.Read(path) ?? ProgramFormat.NotEfi;
        var signature = format == ProgramFormat.NotEfi ? (ProgramSignature?)null : ProgramSignatures.Read(path);
        found = found with { BootFile = facts, Bytes = size, Format = format, Signature = signature };
        var there = $"{use.Path} ({use.Purpose}) is there: {ByteSize.Describe(size)}, {ProgramFormats.Describe(format)}";
        return signature switch
        {
            ProgramSignature.Unsigned or ProgramSignature.BadCertificateTable => (HostObservation.Info(
                Name,
                $"{there}, {ProgramSignatures.Describe(signature.Value)}: a machine whose firmware enforces Secure Boot refuses to run it (Access Denied).",
                "for Secure Boot machines, a kernel profile with chain: shim (docs/configuration.md)"), found),
            ProgramSignature.Signed => (HostObservation.Ok(Name, $"{there}, {ProgramSignatures.Describe(ProgramSignature.Signed)}."), found),
            _ => (HostObservation.Ok(Name, there + "."), found),
        };
    }

    /// <summary>The architecture firmware of <paramref name="target"/> names in its requests (option 93).</summary>
    private static ClientArchitecture? Firmware(BootFileTarget? target) => target switch
    {
        BootFileTarget.Bios => ClientArchitecture.IntelX86Pc,
        BootFileTarget.UefiX64 => ClientArchitecture.EfiX64,
        BootFileTarget.UefiArm64 => ClientArchitecture.EfiArm64,
        _ => null,
    };
}
