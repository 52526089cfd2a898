namespace PxeKit.Diagnostics.Verdicts;

/// <summary>Boot programs that are iPXE itself, told by their file names as iPXE's build and distributions name them.</summary>
public static class IpxeBinaryNames
{
    private static readonly string[] EfiNames = ["ipxe.efi", "snponly.efi", "snp.efi", "ipxe-snponly.efi"];

    /// <summary>undionly.kpxe, ipxe.pxe, *.kpxe, *.kkpxe, ipxe.lkrn, ipxe.efi, snponly.efi, ipxe-arm64.efi and the like.</summary>
    public static bool IsIpxe(string? file)
    {
        if (string.IsNullOrEmpty(file))
        {
            return false;
        }

        var name = Path.GetFileName(file.Replace('\\', '/')).ToLowerInvariant();
        return name.EndsWith(".kpxe", StringComparison.Ordinal) || name.EndsWith(".kkpxe", StringComparison.Ordinal)
            || name is "undionly.pxe" or "ipxe.lkrn" || EfiNames.Contains(name)
            || (name.StartsWith("ipxe", StringComparison.Ordinal) && (name.EndsWith(".efi", StringComparison.Ordinal) || name.EndsWith(".pxe", StringComparison.Ordinal)));
    }
}
