namespace PxeKit.Core.Events;

/// <summary>What kind of boot program a file is, told by its first bytes (see <c>ProgramFormats</c>).</summary>
public enum ProgramFormat
{
    /// <summary>Not an EFI program: a BIOS boot program (pxelinux.0, undionly.kpxe), a kernel image or data.</summary>
    NotEfi,

    /// <summary>A PE32+ EFI program for x86_64.</summary>
    EfiX64,

    /// <summary>A PE32+ EFI program for arm64.</summary>
    EfiArm64,

    /// <summary>A PE32 EFI program for 32-bit x86.</summary>
    EfiIa32,

    /// <summary>A PE32 EFI program for 32-bit ARM.</summary>
    EfiArm,

    /// <summary>A PE image for another machine type.</summary>
    EfiOther,
}
