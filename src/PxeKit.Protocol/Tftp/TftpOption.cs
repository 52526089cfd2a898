using System.Text;

namespace PxeKit.Protocol.Tftp;

/// <summary>One <c>name NUL value NUL</c> pair of a request or an OACK (RFC 2347), viewed in place.</summary>
public readonly ref struct TftpOption
{
    internal TftpOption(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>The option name as sent, without its NUL.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>The option value as sent, without its NUL.</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Option names are case-insensitive (RFC 2347).</summary>
    public bool NameIs(string name) => Ascii.EqualsIgnoreCase(Name, name);

    /// <summary>
    /// The value as a non-negative decimal number: ASCII digits only, no sign, no spaces, at most
    /// <see cref="TftpConstants.MaxOptionValueDigits"/> digits.
    /// </summary>
    public bool TryGetNumber(out long number) => TryParseNumber(Value, out number);

    internal static bool TryParseNumber(ReadOnlySpan<byte> digits, out long number)
    {
        number = 0;
        if (digits.IsEmpty || digits.Length > TftpConstants.MaxOptionValueDigits)
        {
            return false;
        }

        long result = 0;
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            if (result > (long.MaxValue - (b - '0')) / 10)
            {
                return false;
            }

            result = (result * 10) + (b - '0');
        }

        number = result;
        return true;
    }
}
