namespace PxeKit.Protocol.Dhcp;

/// <summary>
/// Processor architecture types of option 93 (RFC 4578 section 2.1, and the IANA "Processor
/// Architecture Types" registry, which later RFCs extended, e.g. RFC 5970 for HTTP boot).
/// </summary>
public enum ClientArchitecture : ushort
{
    /// <summary>Intel x86PC: legacy BIOS PXE.</summary>
    IntelX86Pc = 0,
    NecPc98 = 1,
    EfiItanium = 2,
    DecAlpha = 3,
    ArcX86 = 4,
    IntelLeanClient = 5,
    EfiIa32 = 6,
    /// <summary>EFI BC, which in practice is x64 UEFI: edk2/OVMF sends 7.</summary>
    EfiBc = 7,
    EfiXscale = 8,
    /// <summary>x64 UEFI; some firmware sends 9 instead of 7.</summary>
    EfiX64 = 9,
    EfiArm32 = 10,
    EfiArm64 = 11,
    PowerPcOpenFirmware = 12,
    PowerPcEpapr = 13,
    PowerOpalV3 = 14,
    EfiX86Http = 15,
    EfiX64Http = 16,
    EfiBcHttp = 17,
    EfiArm32Http = 18,
    EfiArm64Http = 19,
    PcBiosHttp = 20,
    EfiArm32Uboot = 21,
    EfiArm64Uboot = 22,
    EfiArm32UbootHttp = 23,
    EfiArm64UbootHttp = 24,
    EfiRiscV32 = 25,
    EfiRiscV32Http = 26,
    EfiRiscV64 = 27,
    EfiRiscV64Http = 28,
    EfiRiscV128 = 29,
    EfiRiscV128Http = 30,
    S390Basic = 31,
    S390Extended = 32,
    EfiMips32 = 33,
    EfiMips64 = 34,
    EfiSunway32 = 35,
    EfiSunway64 = 36,
    EfiLoongArch32 = 37,
    EfiLoongArch32Http = 38,
    EfiLoongArch64 = 39,
    EfiLoongArch64Http = 40,
    ArmRpiBoot = 41,
}
