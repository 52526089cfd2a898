using PxeKit.Core.Events;
using PxeKit.Diagnostics.Verdicts;

namespace PxeKit.Diagnostics.Tests.Verdicts;

public sealed class BootVerdictsTests : IDisposable
{
    private static readonly DateTimeOffset T = new(2026, 11, 25, 7, 0, 0, TimeSpan.Zero);
    private readonly string _root = Directory.CreateTempSubdirectory("pxekit-verdicts-").FullName;

    private static BootEvent E(BootStep step, string detail = "", string? file = null) =>
        new() { Time = T, Step = step, Mac = "52:54:00:12:34:56", Detail = detail, File = file };

    [Fact]
    public void A_boot_that_reached_its_marker_raises_no_alarm()
    {
        Assert.Empty(BootVerdicts.Explain([E(BootStep.TftpRefused, "file not found", "vmlinuz"), E(BootStep.Marker)], _root, uefi: false));
    }

    [Fact]
    public void A_missing_file_is_named_but_boot_loader_probes_are_not()
    {
        var verdicts = BootVerdicts.Explain(
        [
            E(BootStep.DhcpDiscover),
            E(BootStep.TftpRefused, "file not found", "pxelinux.cfg/01-52-54-00-12-34-56"),
            E(BootStep.TftpComplete, "", "pxelinux.cfg/default"),
            E(BootStep.TftpRefused, "file not found", "vmlinuz"),
        ], _root, uefi: false);

        var verdict = Assert.Single(verdicts);
        Assert.StartsWith($"The machine asked for vmlinuz and the server does not have it in the boot root {_root}", verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bios_program_given_to_uefi_is_called_what_it_is()
    {
        File.WriteAllBytes(Path.Combine(_root, "pxelinux.0"), [0xeb, 0x3c, 0x90, .. new byte[200]]);

        var verdicts = BootVerdicts.Explain(
        [
            E(BootStep.DhcpDiscover),
            E(BootStep.TftpComplete, "", "pxelinux.0"),
            E(BootStep.ConsoleError, "UEFI failed to load Boot0001 \"UEFI PXEv4\": Not Found"),
        ], _root, uefi: true);

        Assert.Contains(verdicts, v => v.Contains("pxelinux.0, which is not an EFI program", StringComparison.Ordinal));
    }

    [Fact]
    public void A_kernel_that_started_without_the_marker_points_at_the_initramfs()
    {
        var verdict = Assert.Single(BootVerdicts.Explain([E(BootStep.DhcpDiscover), E(BootStep.KernelStarted, "Linux 6.1.0 started")], _root, uefi: false));
        Assert.Contains("the network boot worked", verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_on_the_wire_or_the_socket_points_at_the_link_and_server_verdicts_come_first()
    {
        Assert.Contains("check the link", Assert.Single(BootVerdicts.Explain([E(BootStep.Firmware, "iPXE running")], _root, uefi: false)), StringComparison.Ordinal);
        Assert.Equal(["firewall"], BootVerdicts.Explain([E(BootStep.WireDhcp), E(BootStep.Diagnosis, "firewall")], _root, uefi: false));
    }

    [Theory]
    [InlineData(0x8664, "PE32+ x64")]
    [InlineData(0xaa64, "PE32+ arm64")]
    public void Efi_programs_are_told_by_their_machine_field(int machine, string expected)
    {
        var head = new byte[512];
        head[0] = (byte)'M';
        head[1] = (byte)'Z';
        head[0x3c] = 0x80;                      // e_lfanew: the PE header at 0x80
        "PE\0\0"u8.CopyTo(head.AsSpan(0x80));
        head[0x84] = (byte)machine;             // machine, little-endian
        head[0x85] = (byte)(machine >> 8);
        Assert.Equal(expected, BootFileFormat.Describe(head));
        Assert.Equal(BootFileFormat.NotEfi, BootFileFormat.Describe(head.AsSpan(0, 0x20)));
    }

    [Fact]
    public void The_real_ipxe_efi_is_a_pe32_plus_x64_program()
    {
        // From Debian's ipxe package (scripts/install-deps.sh installs it).
        Assert.Equal("PE32+ x64", BootFileFormat.Describe("/usr/lib/ipxe/ipxe.efi"));
        Assert.Equal(BootFileFormat.NotEfi, BootFileFormat.Describe("/usr/lib/PXELINUX/pxelinux.0"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
