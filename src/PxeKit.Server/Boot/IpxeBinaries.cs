namespace PxeKit.Server.Boot;

/// <summary>Which iPXE build each firmware is chainloaded into, as paths under the boot root.</summary>
public sealed record IpxeBinaries
{
    /// <summary>BIOS: iPXE over the ROM's own UNDI driver (Debian package <c>ipxe</c>).</summary>
    public string Bios { get; init; } = "undionly.kpxe";

    /// <summary>x64 UEFI (Debian package <c>ipxe</c>).</summary>
    public string UefiX64 { get; init; } = "ipxe.efi";

    /// <summary>ARM64 UEFI: Debian ships none; build or provide one under this name.</summary>
    public string UefiArm64 { get; init; } = "ipxe-arm64.efi";

    public string? For(ClientFirmware firmware) => firmware switch
    {
        ClientFirmware.Bios => Bios,
        ClientFirmware.UefiX64 => UefiX64,
        ClientFirmware.UefiArm64 => UefiArm64,
        _ => null,
    };
}
