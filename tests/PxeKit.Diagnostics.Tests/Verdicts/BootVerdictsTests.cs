using PxeKit.Core.Events;
using PxeKit.Core.Files;
using PxeKit.Core.Verdicts;
using PxeKit.Diagnostics.Verdicts;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Diagnostics.Tests.Verdicts;

public sealed class BootVerdictsTests : IDisposable
{
    private static readonly DateTimeOffset T = new(2026, 11, 25, 7, 0, 0, TimeSpan.Zero);
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-verdicts-").FullName;

    private static BootEvent E(BootStep step, string? file = null) =>
        new() { Time = T, Step = step, Mac = "52:54:00:12:34:56", File = file };

    private static BootEvent NotFound(string file) =>
        E(BootStep.TftpRefused, file) with { Tftp = new TftpFacts { ErrorCode = TftpErrorCode.FileNotFound } };

    [Fact]
    public void A_boot_that_reached_its_marker_raises_no_alarm()
    {
        Assert.Empty(BootVerdicts.Explain([NotFound("vmlinuz"), E(BootStep.Marker)], _root, uefi: false));
    }

    [Fact]
    public void A_missing_file_is_named_but_boot_loader_probes_are_not()
    {
        var verdicts = BootVerdicts.Explain(
        [
            E(BootStep.DhcpDiscover),
            NotFound("pxelinux.cfg/01-52-54-00-12-34-56"),
            E(BootStep.TftpComplete, "pxelinux.cfg/default"),
            NotFound("vmlinuz"),
        ], _root, uefi: false);

        var verdict = Assert.Single(verdicts);
        Assert.Equal(FaultId.BootFileMissing, verdict.Fault);
        Assert.Equal($"The machine asked for vmlinuz and the server does not have it in the boot root {_root}.", verdict.Cause);
    }

    [Fact]
    public void A_refusal_that_is_not_file_not_found_is_no_missing_file()
    {
        var denied = E(BootStep.TftpRefused, "vmlinuz") with { Tftp = new TftpFacts { ErrorCode = TftpErrorCode.AccessViolation } };
        Assert.DoesNotContain(BootVerdicts.Explain([E(BootStep.DhcpDiscover), denied], _root, uefi: false), v => v.Fault == FaultId.BootFileMissing);
    }

    [Fact]
    public void A_bios_program_given_to_uefi_is_called_what_it_is_from_the_format_its_event_carries()
    {
        var verdicts = BootVerdicts.Explain(
        [
            E(BootStep.DhcpDiscover),
            E(BootStep.TftpComplete, "pxelinux.0") with { Format = ProgramFormat.NotEfi },
            E(BootStep.ConsoleError) with { ConsoleFailure = ConsoleFailure.ProgramNotStarted },
        ], root: null, uefi: true);

        var verdict = Assert.Single(verdicts);
        Assert.Equal(FaultId.WrongFirmwareProgram, verdict.Fault);
        Assert.Contains("pxelinux.0, which is not an EFI program", verdict.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_format_on_the_event_the_file_in_the_root_is_read()
    {
        File.WriteAllBytes(Path.Combine(_root, "pxelinux.0"), [0xeb, 0x3c, 0x90, .. new byte[200]]);

        var verdicts = BootVerdicts.Explain(
        [
            E(BootStep.DhcpDiscover),
            E(BootStep.TftpComplete, "pxelinux.0"),
            E(BootStep.ConsoleError) with { ConsoleFailure = ConsoleFailure.ProgramNotStarted },
        ], _root, uefi: true);

        Assert.Contains(verdicts, v => v.Fault == FaultId.WrongFirmwareProgram);
    }

    [Fact]
    public void A_download_that_failed_is_not_a_program_the_firmware_refused()
    {
        var verdicts = BootVerdicts.Explain(
        [
            E(BootStep.DhcpDiscover),
            E(BootStep.TftpComplete, "pxelinux.0") with { Format = ProgramFormat.NotEfi },
            E(BootStep.ConsoleError) with { ConsoleFailure = ConsoleFailure.DownloadFailed },
        ], root: null, uefi: true);

        Assert.DoesNotContain(verdicts, v => v.Fault == FaultId.WrongFirmwareProgram);
    }

    [Fact]
    public void A_kernel_that_started_without_the_marker_points_at_the_initramfs()
    {
        var verdict = Assert.Single(BootVerdicts.Explain([E(BootStep.DhcpDiscover), E(BootStep.KernelStarted)], _root, uefi: false));
        Assert.Equal(FaultId.KernelWithoutMarker, verdict.Fault);
        Assert.Contains("the network boot worked", verdict.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_on_the_wire_or_the_socket_points_at_the_link_and_server_verdicts_come_first()
    {
        var none = Assert.Single(BootVerdicts.Explain([E(BootStep.Firmware)], _root, uefi: false));
        Assert.Equal(FaultId.NoDhcpRequest, none.Fault);
        Assert.Contains("Check the link", none.Fix, StringComparison.Ordinal);

        var served = Verdict.Of(FaultId.DhcpDroppedOnHost, "52:54:00:12:34:56", "Dropped.", "", "Open it.");
        Assert.Equal([served], BootVerdicts.Explain([E(BootStep.WireDhcp), served.ToEvent(T, EvidenceSource.Capture)], _root, uefi: false));
    }

    [Theory]
    [InlineData(0x8664, ProgramFormat.EfiX64)]
    [InlineData(0xaa64, ProgramFormat.EfiArm64)]
    public void Efi_programs_are_told_by_their_machine_field(int machine, ProgramFormat expected)
    {
        var head = new byte[512];
        head[0] = (byte)'M';
        head[1] = (byte)'Z';
        head[0x3c] = 0x80;                      // e_lfanew: the PE header at 0x80
        "PE\0\0"u8.CopyTo(head.AsSpan(0x80));
        head[0x84] = (byte)machine;             // machine, little-endian
        head[0x85] = (byte)(machine >> 8);
        Assert.Equal(expected, ProgramFormats.Of(head));
        Assert.Equal(ProgramFormat.NotEfi, ProgramFormats.Of(head.AsSpan(0, 0x20)));
    }

    [Fact]
    public void The_real_ipxe_efi_is_a_pe32_plus_x64_program()
    {
        // From Debian's ipxe package (scripts/install-deps.sh installs it).
        Assert.Equal(ProgramFormat.EfiX64, ProgramFormats.Read("/usr/lib/ipxe/ipxe.efi"));
        Assert.Equal(ProgramFormat.NotEfi, ProgramFormats.Read("/usr/lib/PXELINUX/pxelinux.0"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
