using PxeKit.Core.Events;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Doctor;

namespace PxeKit.Diagnostics.Tests.Doctor;

/// <summary>The boot files as the host has them, judged by the engine's rules: the verdicts serve and trace say of the same files.</summary>
public sealed class BootFileCheckTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-doctor-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<(CheckResult Checked, IReadOnlyList<Verdict> Verdicts)> CheckAsync(params BootFileUse[] uses)
    {
        var subject = new DoctorSubject { Root = _root, BootFiles = uses };
        var result = await new BootFileCheck().RunAsync(subject, CancellationToken.None);
        return (result, PxeKit.Diagnostics.Doctor.Doctor.Judge(subject, result.Evidence));
    }

    /// <summary>The first bytes of a PE32+ file: "MZ", the PE header offset at 0x3c, "PE\0\0" and the machine type.</summary>
    private void WritePe(string name, ushort machine)
    {
        var head = new byte[512];
        head[0] = (byte)'M';
        head[1] = (byte)'Z';
        head[0x3c] = 0x80;
        "PE\0\0"u8.CopyTo(head.AsSpan(0x80));
        head[0x84] = (byte)machine;
        head[0x85] = (byte)(machine >> 8);
        File.WriteAllBytes(Path.Combine(_root, name), head);
    }

    [Fact]
    public async Task A_missing_file_is_the_boot_file_missing_fault_with_its_path_and_the_fix_trace_gives()
    {
        var (_, verdicts) = await CheckAsync(new BootFileUse("pxelinux.0", "boot program of profile \"bios\"", true, BootFileTarget.Bios));

        var missing = Assert.Single(verdicts);
        Assert.Equal(FaultId.BootFileMissing, missing.Fault);
        Assert.Equal(Confidence.Certain, missing.Confidence);
        Assert.Equal("pxelinux.0 (boot program of profile \"bios\") is not on this host: every client sent it fails to boot.", missing.Cause);
        Assert.Equal($"There is no {Path.Combine(_root, "pxelinux.0")}.", missing.Seen);
        Assert.StartsWith($"put pxelinux.0 in the boot root {_root}", missing.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_missing_file_is_its_own_verdict()
    {
        var (_, verdicts) = await CheckAsync(new BootFileUse("pxelinux.0", "x", true, BootFileTarget.Bios), new BootFileUse("ipxe.efi", "y", true, BootFileTarget.UefiX64));

        Assert.Equal(["pxelinux.0 (x)", "ipxe.efi (y)"], verdicts.Select(v => v.Cause[..v.Cause.IndexOf(')', StringComparison.Ordinal)] + ")"));
    }

    [Fact]
    public async Task An_efi_program_sent_to_bios_clients_is_the_wrong_firmware_fault()
    {
        WritePe("ipxe.efi", 0x8664);

        var (_, verdicts) = await CheckAsync(new BootFileUse("ipxe.efi", "iPXE for BIOS clients", true, BootFileTarget.Bios));

        var wrong = Assert.Single(verdicts);
        Assert.Equal(FaultId.WrongFirmwareProgram, wrong.Fault);
        Assert.Contains("is PE32+ x64, and it is sent to BIOS firmware, which cannot run it", wrong.Cause, StringComparison.Ordinal);
    }

    [HostFact(Root = false, Files = ["/usr/lib/ipxe/ipxe.efi", "/var/cache/pxekit/fixtures/bios/shimx64.efi"])]
    public async Task An_unsigned_efi_program_is_said_with_what_secure_boot_does_to_it_and_a_signed_one_is_ok()
    {
        // Debian's ipxe.efi (unsigned) and the fixtures' copy of Debian's shimx64.efi.signed (pxekit fixtures).
        File.Copy("/usr/lib/ipxe/ipxe.efi", Path.Combine(_root, "ipxe.efi"));
        File.Copy("/var/cache/pxekit/fixtures/bios/shimx64.efi", Path.Combine(_root, "shimx64.efi"));

        var (result, verdicts) = await CheckAsync(
            new BootFileUse("ipxe.efi", "iPXE for UEFI x64 clients", true, BootFileTarget.UefiX64),
            new BootFileUse("shimx64.efi", "shim", true, BootFileTarget.UefiX64));

        Assert.Empty(verdicts);
        var unsigned = Assert.Single(result.Observations, o => o.Kind == ObservationKind.Info);
        Assert.Contains("ipxe.efi (iPXE for UEFI x64 clients) is there: ", unsigned.Sentence, StringComparison.Ordinal);
        Assert.EndsWith("PE32+ x64, unsigned (its certificate table is empty): a machine whose firmware enforces Secure Boot refuses to run it (Access Denied).", unsigned.Sentence, StringComparison.Ordinal);
        Assert.Contains(result.Observations, o => o.Kind == ObservationKind.Ok && o.Sentence.EndsWith("PE32+ x64, signed (an Authenticode certificate table).", StringComparison.Ordinal));
        Assert.Equal([ProgramSignature.Unsigned, ProgramSignature.Signed], result.Evidence.Select(e => e.Signature));
    }

    [Fact]
    public async Task An_arm64_program_sent_to_x64_clients_is_named_and_the_right_ones_are_ok()
    {
        WritePe("grubaa64.efi", 0xaa64);
        WritePe("ipxe.efi", 0x8664);
        await File.WriteAllTextAsync(Path.Combine(_root, "undionly.kpxe"), "not a PE file");

        var (result, verdicts) = await CheckAsync(
            new BootFileUse("grubaa64.efi", "x", true, BootFileTarget.UefiX64),
            new BootFileUse("ipxe.efi", "y", true, BootFileTarget.UefiX64),
            new BootFileUse("/undionly.kpxe", "z", true, BootFileTarget.Bios));

        var wrong = Assert.Single(verdicts);
        Assert.Contains("grubaa64.efi (x) is PE32+ arm64, and it is sent to UEFI x64 firmware", wrong.Cause, StringComparison.Ordinal);
        Assert.Equal(3, result.Observations.Count(o => o.Kind == ObservationKind.Ok));
    }

    [Fact]
    public async Task A_file_too_big_for_512_byte_blocks_is_likely_too_large_over_tftp_and_nothing_over_http()
    {
        var path = Path.Combine(_root, "big.img");
        using (var file = File.Create(path))
        {
            file.SetLength((65535L * 512) + 1);
        }

        var (_, tftp) = await CheckAsync(new BootFileUse("big.img", "x", true, null));
        var (_, http) = await CheckAsync(new BootFileUse("big.img", "x", false, null));

        var large = Assert.Single(tftp);
        Assert.Equal((FaultId.BootFileTooLarge, Confidence.Likely), (large.Fault, large.Confidence));
        Assert.Contains("512-byte TFTP blocks", large.Cause, StringComparison.Ordinal);
        Assert.Empty(http);
    }

    [Fact]
    public void An_unreadable_file_is_the_boot_file_refused_fault_with_the_reason()
    {
        // Root reads a file whatever its mode, so the inspection's event is written out here rather than provoked.
        var unreadable = new BootEvent
        {
            Time = DateTimeOffset.UnixEpoch,
            Step = BootStep.HostBootFile,
            Source = EvidenceSource.Host,
            File = "locked.efi",
            BootFile = new BootFileFacts { State = BootFileState.Unreadable, Purpose = "x", Path = "/srv/tftp/locked.efi", Reason = "Access to the path is denied." },
        };

        var refused = Assert.Single(PxeKit.Diagnostics.Doctor.Doctor.Judge(new DoctorSubject { Root = "/srv/tftp" }, [unreadable]));

        Assert.Equal(FaultId.BootFileRefused, refused.Fault);
        Assert.Equal("Opening /srv/tftp/locked.efi failed: Access to the path is denied.", refused.Seen);
    }

    [Fact]
    public async Task A_url_is_not_checked_and_says_nothing()
    {
        var (result, verdicts) = await CheckAsync(new BootFileUse("http://10.0.0.1/ipxe.efi", "x", false, BootFileTarget.UefiX64));

        Assert.Equal(ObservationKind.Info, Assert.Single(result.Observations).Kind);
        Assert.Equal(BootFileState.Elsewhere, Assert.Single(result.Evidence).BootFile!.State);
        Assert.Empty(verdicts);
    }
}
