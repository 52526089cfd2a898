using System.Globalization;

namespace PxeKit.Core.Files;

/// <summary>A number of bytes for people: <c>512 B</c>, <c>63.5 KiB</c>, <c>2.1 MiB</c>.</summary>
public static class ByteSize
{
    public static string Describe(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.0} MiB"),
    };
}
