using PxeKit.Core.Events;
using PxeKit.Core.Files;

namespace PxeKit.Core.Tests.Files;

public sealed class ProgramFormatsTests
{
    [Theory]
    [InlineData(0x8664, ProgramFormat.EfiX64)]
    [InlineData(0xaa64, ProgramFormat.EfiArm64)]
    [InlineData(0x014c, ProgramFormat.EfiIa32)]
    [InlineData(0x01c4, ProgramFormat.EfiArm)]
    [InlineData(0x5064, ProgramFormat.EfiOther)]
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
    public void Bytes_without_a_pe_header_where_mz_points_are_not_an_efi_program()
    {
        var head = new byte[512];
        head[0] = (byte)'M';
        head[1] = (byte)'Z';
        head[0x3c] = 0xff;                      // points past what was read
        head[0x3d] = 0x7f;
        Assert.Equal(ProgramFormat.NotEfi, ProgramFormats.Of(head));
        Assert.Equal(ProgramFormat.NotEfi, ProgramFormats.Of([0xeb, 0x3c, 0x90]));
    }

    [HostFact(Root = false, Files = ["/usr/lib/ipxe/ipxe.efi", "/usr/lib/PXELINUX/pxelinux.0"])]
    public void The_real_ipxe_efi_is_a_pe32_plus_x64_program_and_pxelinux_is_not_efi()
    {
        // From Debian's ipxe and pxelinux packages (scripts/install-deps.sh installs them).
        Assert.Equal(ProgramFormat.EfiX64, ProgramFormats.Read("/usr/lib/ipxe/ipxe.efi"));
        Assert.Equal(ProgramFormat.NotEfi, ProgramFormats.Read("/usr/lib/PXELINUX/pxelinux.0"));
        Assert.Null(ProgramFormats.Read("/nonexistent/pxekit-test"));
    }
}
