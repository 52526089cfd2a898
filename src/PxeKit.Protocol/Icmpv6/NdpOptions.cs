namespace PxeKit.Protocol.Icmpv6;

/// <summary>Walks the options of a Neighbor Discovery message (RFC 4861 section 4.6): type, length in 8-byte units, value.</summary>
public static class NdpOptions
{
    private const int Unit = 8;

    /// <summary>
    /// Finds the first option of <paramref name="type"/> and gives its value (the bytes after type and length). False
    /// when there is none; <paramref name="wellFormed"/> says whether every option up to the end (or up to the one
    /// found) was well formed: a zero length or an option past the end makes the whole message one to drop.
    /// </summary>
    public static bool TryFind(ReadOnlySpan<byte> options, NdpOptionType type, out ReadOnlySpan<byte> value, out bool wellFormed)
    {
        value = default;
        while (options.Length > 0)
        {
            if (options.Length < 2 || options[1] == 0 || options[1] * Unit > options.Length)
            {
                wellFormed = false;
                return false;
            }

            var length = options[1] * Unit;
            if (options[0] == (byte)type)
            {
                value = options[2..length];
                wellFormed = true;
                return true;
            }

            options = options[length..];
        }

        wellFormed = true;
        return false;
    }
}
