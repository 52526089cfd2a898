namespace PxeKit.Diagnostics.Trace;

/// <summary>Names of iPXE builds as they are served: undionly.kpxe, ipxe.efi, snponly.efi and the like.</summary>
internal static class IpxeBinary
{
    public static bool Is(string? file)
    {
        if (string.IsNullOrEmpty(file))
        {
            return false;
        }

        var name = file.Split('/', '\\')[^1].ToLowerInvariant();
        return name.EndsWith(".kpxe", StringComparison.Ordinal)
            || name.EndsWith(".kkpxe", StringComparison.Ordinal)
            || name is "ipxe.efi" or "snponly.efi" or "snp.efi" or "ipxe.pxe" or "undionly.pxe" or "ipxe.lkrn"
            || name.StartsWith("ipxe", StringComparison.Ordinal) && (name.EndsWith(".efi", StringComparison.Ordinal) || name.EndsWith(".pxe", StringComparison.Ordinal));
    }
}
