namespace PxeKit.Load;

/// <summary>The firmware a simulated client plays, by its option 93 value (RFC 4578, IANA processor architecture types).</summary>
public enum StormArchitecture : ushort
{
    /// <summary>x86 BIOS (legacy PXE ROM).</summary>
    Bios = 0,

    /// <summary>x64 UEFI.</summary>
    UefiX64 = 7,

    /// <summary>ARM 64-bit UEFI.</summary>
    Arm64 = 11,
}
