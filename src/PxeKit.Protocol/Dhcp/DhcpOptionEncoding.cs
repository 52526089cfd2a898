using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PxeKit.Protocol.Dhcp;

/// <summary>Writes an option's value, given as text, in the form its type has on the wire.</summary>
public static class DhcpOptionEncoding
{
    /// <summary>
    /// The value's bytes, or null with <paramref name="error"/> saying what is wrong. A value longer than 255 bytes is
    /// fine: it leaves as several instances of the option (RFC 3396).
    /// </summary>
    public static byte[]? Encode(DhcpOptionType type, IReadOnlyList<string> values, out string? error)
    {
        ArgumentNullException.ThrowIfNull(values);
        error = null;
        bool single = type is not (DhcpOptionType.Addresses or DhcpOptionType.Domains);
        if (values.Count == 0 || (single && values.Count > 1))
        {
            error = single ? $"type {Name(type)} takes one value" : $"type {Name(type)} takes at least one value";
            return null;
        }

        var bytes = new List<byte>();
        foreach (var value in values)
        {
            if (!TryAppend(type, value.Trim(), bytes))
            {
                error = $"'{value}' is not {Article(type)}";
                return null;
            }
        }

        if (bytes.Count == 0 && type != DhcpOptionType.String)
        {
            error = $"an empty value of type {Name(type)}";
            return null;
        }

        return [.. bytes];
    }

    /// <summary>The type's name in a configuration: <c>addresses</c>, <c>uint16</c>.</summary>
    public static string Name(DhcpOptionType type) => type.ToString().ToLowerInvariant();

    /// <summary>The type named <paramref name="name"/> in a configuration.</summary>
    public static bool TryParseName(string name, out DhcpOptionType type)
    {
        foreach (var candidate in Enum.GetValues<DhcpOptionType>())
        {
            if (Name(candidate) == name)
            {
                type = candidate;
                return true;
            }
        }

        type = DhcpOptionType.Hex;
        return false;
    }

    private static bool TryAppend(DhcpOptionType type, string value, List<byte> bytes)
    {
        switch (type)
        {
            case DhcpOptionType.Address or DhcpOptionType.Addresses:
                if (!IPAddress.TryParse(value, out var address) || address.AddressFamily != AddressFamily.InterNetwork || value.Count(c => c == '.') != 3)
                {
                    return false;
                }

                bytes.AddRange(address.GetAddressBytes());
                return true;
            case DhcpOptionType.UInt8:
                return Number(value, byte.MaxValue, 1, bytes);
            case DhcpOptionType.UInt16:
                return Number(value, ushort.MaxValue, 2, bytes);
            case DhcpOptionType.UInt32:
                return Number(value, uint.MaxValue, 4, bytes);
            case DhcpOptionType.Int32:
                if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int signed))
                {
                    return false;
                }

                Span<byte> four = stackalloc byte[4];
                BinaryPrimitives.WriteInt32BigEndian(four, signed);
                bytes.AddRange(four.ToArray());
                return true;
            case DhcpOptionType.Bool:
                if (value is not ("true" or "false"))
                {
                    return false;
                }

                bytes.Add(value == "true" ? (byte)1 : (byte)0);
                return true;
            case DhcpOptionType.String:
                if (value.Any(c => c > 0x7e || c < 0x20))
                {
                    return false;
                }

                bytes.AddRange(Encoding.ASCII.GetBytes(value));
                return true;
            case DhcpOptionType.Hex:
                try
                {
                    bytes.AddRange(Convert.FromHexString(value.Replace(":", "", StringComparison.Ordinal)));
                    return true;
                }
                catch (FormatException)
                {
                    return false;
                }

            case DhcpOptionType.Domains:
                return Domain(value, bytes);
            default:
                return false;
        }
    }

    private static bool Number(string value, ulong max, int width, List<byte> bytes)
    {
        if (!ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong number) || number > max)
        {
            return false;
        }

        for (int shift = (width - 1) * 8; shift >= 0; shift -= 8)
        {
            bytes.Add((byte)(number >> shift));
        }

        return true;
    }

    /// <summary>A domain name as DNS labels (RFC 1035 section 3.1), uncompressed, which RFC 3397 allows.</summary>
    private static bool Domain(string value, List<byte> bytes)
    {
        var labels = value.TrimEnd('.').Split('.');
        if (value.Length == 0 || value.Length > 253 || labels.Any(l => l.Length is 0 or > 63 || !l.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return false;
        }

        foreach (var label in labels)
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }

        bytes.Add(0);
        return true;
    }

    private static string Article(DhcpOptionType type) => type switch
    {
        DhcpOptionType.Address or DhcpOptionType.Addresses => "an IPv4 address",
        DhcpOptionType.UInt8 => "a whole number from 0 to 255",
        DhcpOptionType.UInt16 => "a whole number from 0 to 65535",
        DhcpOptionType.UInt32 => "a whole number from 0 to 4294967295",
        DhcpOptionType.Int32 => "a whole number (it may be negative)",
        DhcpOptionType.Bool => "true or false",
        DhcpOptionType.String => "printable ASCII text",
        DhcpOptionType.Hex => "hex bytes (like 01:02:0a)",
        _ => "a domain name",
    };
}
