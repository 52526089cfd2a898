namespace PxeKit.Diagnostics.Trace;

/// <summary>
/// Names boot loaders ask for on purpose before their real configuration, and expect to be missing:
/// pxelinux's pxelinux.cfg/01-MAC and hexadecimal address prefixes, GRUB's grub.cfg-ADDRESS, menu.lst files.
/// </summary>
public static class BootLoaderProbe
{
    public static bool Is(string? file)
    {
        if (string.IsNullOrEmpty(file))
        {
            return false;
        }

        var name = file.TrimStart('/');
        return name.StartsWith("pxelinux.cfg/", StringComparison.Ordinal) && name != "pxelinux.cfg/default"
            || name.Contains("grub.cfg-", StringComparison.Ordinal)
            || name.EndsWith(".lst", StringComparison.Ordinal);
    }
}
