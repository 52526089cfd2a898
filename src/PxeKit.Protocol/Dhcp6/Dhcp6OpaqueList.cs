using System.Buffers.Binary;

namespace PxeKit.Protocol.Dhcp6;

/// <summary>
/// The items of a list of length-prefixed opaque strings, as user class (option 15), vendor class data
/// (option 16) and boot file parameters (option 60) hold them: a 16-bit length, then that many bytes
/// (RFC 8415 sections 21.15 and 21.16, RFC 5970 section 3.2). Allocation-free.
/// </summary>
public ref struct Dhcp6OpaqueList
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public Dhcp6OpaqueList(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
        Current = default;
    }

    public ReadOnlySpan<byte> Current { get; private set; }

    public readonly Dhcp6OpaqueList GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_position + 2 > _data.Length)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(_data[_position..]);
        if (_position + 2 + length > _data.Length)
        {
            return false;
        }

        Current = _data.Slice(_position + 2, length);
        _position += 2 + length;
        return true;
    }

    /// <summary>True when the items fill <paramref name="data"/> exactly.</summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> data)
    {
        int position = 0;
        while (position < data.Length)
        {
            if (position + 2 > data.Length)
            {
                return false;
            }

            position += 2 + BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
        }

        return position == data.Length;
    }

    /// <summary>True when one item equals <paramref name="value"/> byte for byte.</summary>
    public static bool Contains(ReadOnlySpan<byte> data, ReadOnlySpan<byte> value)
    {
        foreach (var item in new Dhcp6OpaqueList(data))
        {
            if (item.SequenceEqual(value))
            {
                return true;
            }
        }

        return false;
    }
}
