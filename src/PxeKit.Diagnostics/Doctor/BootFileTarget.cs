namespace PxeKit.Diagnostics.Doctor;

/// <summary>The firmware a boot program must be built for, told apart by its file format.</summary>
public enum BootFileTarget
{
    /// <summary>A BIOS network boot program (not a PE file): pxelinux.0, undionly.kpxe.</summary>
    Bios,

    /// <summary>A PE32+ x64 EFI program: ipxe.efi, grubx64.efi, shimx64.efi.</summary>
    UefiX64,

    /// <summary>A PE32+ arm64 EFI program: grubaa64.efi.</summary>
    UefiArm64,
}
