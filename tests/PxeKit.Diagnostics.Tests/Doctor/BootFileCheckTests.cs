using PxeKit.Diagnostics.Doctor;

namespace PxeKit.Diagnostics.Tests.Doctor;

public sealed class BootFileCheckTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-doctor-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<IReadOnlyList<DoctorFinding>> CheckAsync(params BootFileUse[] uses) =>
        await new BootFileCheck().RunAsync(new DoctorSubject { Root = _root, BootFiles = uses }, CancellationToken.None);

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
    public async Task A_missing_file_is_an_error_that_names_the_path()
    {
        var finding = Assert.Single(await CheckAsync(new BootFileUse("pxelinux.0", "boot program of profile \"bios\"", true, BootFileTarget.Bios)));

        Assert.Equal(DoctorSeverity.Error, finding.Severity);
        Assert.Contains($"pxelinux.0 (boot program of profile \"bios\") is missing: there is no {Path.Combine(_root, "pxelinux.0")}", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_efi_program_sent_to_bios_clients_is_an_error()
    {
        WritePe("ipxe.efi", 0x8664);

        var finding = Assert.Single(await CheckAsync(new BootFileUse("ipxe.efi", "iPXE for BIOS clients", true, BootFileTarget.Bios)));

        Assert.Equal(DoctorSeverity.Error, finding.Severity);
        Assert.Contains("is PE32+ x64, but it is sent to BIOS clients", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_arm64_program_sent_to_x64_clients_is_an_error_and_the_right_ones_are_ok()
    {
        WritePe("grubaa64.efi", 0xaa64);
        WritePe("ipxe.efi", 0x8664);
        await File.WriteAllTextAsync(Path.Combine(_root, "undionly.kpxe"), "not a PE file");

        var findings = await CheckAsync(
            new BootFileUse("grubaa64.efi", "x", true, BootFileTarget.UefiX64),
            new BootFileUse("ipxe.efi", "y", true, BootFileTarget.UefiX64),
            new BootFileUse("/undionly.kpxe", "z", true, BootFileTarget.Bios));

        Assert.Equal([DoctorSeverity.Error, DoctorSeverity.Ok, DoctorSeverity.Ok], findings.Select(f => f.Severity));
        Assert.Contains("PE32+ arm64, but it is sent to UEFI x64 clients", findings[0].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_too_big_for_512_byte_blocks_is_a_warning_over_tftp_and_nothing_over_http()
    {
        var path = Path.Combine(_root, "big.img");
        using (var file = File.Create(path))
        {
            file.SetLength((65535L * 512) + 1);
        }

        var tftp = await CheckAsync(new BootFileUse("big.img", "x", true, null));
        var http = await CheckAsync(new BootFileUse("big.img", "x", false, null));

        Assert.Contains(tftp, f => f.Severity == DoctorSeverity.Warning && f.Summary.Contains("512-byte TFTP blocks", StringComparison.Ordinal));
        Assert.Equal(DoctorSeverity.Ok, Assert.Single(http).Severity);
    }

    [Fact]
    public async Task A_url_is_not_checked()
    {
        var finding = Assert.Single(await CheckAsync(new BootFileUse("http://10.0.0.1/ipxe.efi", "x", false, BootFileTarget.UefiX64)));

        Assert.Equal(DoctorSeverity.Info, finding.Severity);
    }
}
