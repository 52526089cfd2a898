using System.Globalization;

namespace PxeKit.Protocol.Dhcp;

/// <summary>Hardware addresses in the colon-separated lower-case form used throughout PxeKit.</summary>
public static class MacAddress
{
    public static string Format(ReadOnlySpan<byte> address) =>
        string.Join(':', address.ToArray().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    /// <summary>Parses <c>52:54:00:12:34:56</c> or <c>52-54-00-12-34-56</c> (any case) into 6 bytes.</summary>
    public static bool TryParse(string? text, out byte[] address)
    {
        address = [];
        if (text is null)
        {
            return false;
        }

        var parts = text.Split(':', '-');
        if (parts.Length != DhcpConstants.EthernetAddressLength)
        {
            return false;
        }

        var bytes = new byte[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length != 2 || !byte.TryParse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return false;
            }
        }

        address = bytes;
        return true;
    }

    /// <summary>Normalises a textual MAC to the canonical form, or returns null if it is not one.</summary>
    public static string? Normalize(string? text) => TryParse(text, out var bytes) ? Format(bytes) : null;
}
