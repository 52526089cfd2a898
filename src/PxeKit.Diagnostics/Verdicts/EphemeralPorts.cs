using System.Globalization;

namespace PxeKit.Diagnostics.Verdicts;

/// <summary>
/// The ports this host gives sockets bound to port 0 (<c>net.ipv4.ip_local_port_range</c>): each TFTP transfer
/// sends from one of them, so rules about TFTP data are asked about this range.
/// </summary>
public static class EphemeralPorts
{
    /// <summary>Linux's default when the setting cannot be read.</summary>
    public static (int First, int Last) Default => (32768, 60999);

    public static (int First, int Last) Read()
    {
        try
        {
            return Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")) ?? Default;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Default;
        }
    }

    /// <summary>"32768	60999" (two numbers separated by white space).</summary>
    public static (int First, int Last)? Parse(string text)
    {
        var parts = (text ?? "").Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int first)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int last)
            && first is >= 1 and <= 65535 && last >= first && last <= 65535
            ? (first, last)
            : null;
    }
}
