using System.Buffers.Binary;

namespace PxeKit.Protocol.Dhcp6;

/// <summary>
/// Walks the options of one level (the message's, or those inside IA_NA or IAaddr) without allocating
/// (RFC 8415 section 21.1: option-code, option-len, then the value). Only used on areas that
/// <see cref="Dhcp6MessageView.TryParse"/> checked; it stops at anything that does not fit all the same.
/// </summary>
public ref struct Dhcp6OptionEnumerator
{
    private readonly ReadOnlySpan<byte> _area;
    private int _position;

    internal Dhcp6OptionEnumerator(ReadOnlySpan<byte> area)
    {
        _area = area;
        _position = 0;
        Current = default;
    }

    public Dhcp6Option Current { get; private set; }

    public readonly Dhcp6OptionEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_position + Dhcp6Constants.OptionHeaderLength > _area.Length)
        {
            return false;
        }

        ushort code = BinaryPrimitives.ReadUInt16BigEndian(_area[_position..]);
        int length = BinaryPrimitives.ReadUInt16BigEndian(_area[(_position + 2)..]);
        int start = _position + Dhcp6Constants.OptionHeaderLength;
        if (start + length > _area.Length)
        {
            return false;
        }

        Current = new Dhcp6Option(code, _area.Slice(start, length));
        _position = start + length;
        return true;
    }

    /// <summary>The value of the first option with <paramref name="code"/> at this level.</summary>
    internal static bool TryFind(ReadOnlySpan<byte> area, Dhcp6OptionCode code, out ReadOnlySpan<byte> value)
    {
        foreach (var option in new Dhcp6OptionEnumerator(area))
        {
            if (option.Code == (ushort)code)
            {
                value = option.Data;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>
    /// Checks that every option of <paramref name="area"/> fits exactly (option lengths add up to the area's).
    /// </summary>
    internal static bool Fits(ReadOnlySpan<byte> area)
    {
        int position = 0;
        while (position < area.Length)
        {
            if (position + Dhcp6Constants.OptionHeaderLength > area.Length)
            {
                return false;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(area[(position + 2)..]);
            position += Dhcp6Constants.OptionHeaderLength + length;
        }

        return position == area.Length;
    }
}
