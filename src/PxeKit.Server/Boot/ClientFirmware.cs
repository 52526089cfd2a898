namespace PxeKit.Server.Boot;

/// <summary>The firmware family a client's option 93 says it runs: what kind of boot program it can load.</summary>
public enum ClientFirmware
{
    Unknown,
    /// <summary>Legacy BIOS PXE (arch 0).</summary>
    Bios,
    /// <summary>x64 UEFI (arch 7 or 9, HTTP 16).</summary>
    UefiX64,
    /// <summary>32-bit x86 UEFI (arch 6, HTTP 15).</summary>
    UefiIa32,
    /// <summary>ARM64 UEFI (arch 11, HTTP 19).</summary>
    UefiArm64,
    /// <summary>32-bit ARM UEFI (arch 10, HTTP 18).</summary>
    UefiArm32,
}
