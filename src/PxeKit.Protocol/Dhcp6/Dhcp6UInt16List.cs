using System.Buffers.Binary;

namespace PxeKit.Protocol.Dhcp6;

/// <summary>A list of 16-bit values, as option 6 (requested options) and option 61 (client architectures) hold them.</summary>
public readonly ref struct Dhcp6UInt16List
{
    private readonly ReadOnlySpan<byte> _data;

    public Dhcp6UInt16List(ReadOnlySpan<byte> data) => _data = data;

    public int Count => _data.Length / 2;

    public ushort this[int index] => BinaryPrimitives.ReadUInt16BigEndian(_data.Slice(index * 2, 2));

    public bool Contains(ushort value)
    {
        for (int i = 0; i < Count; i++)
        {
            if (this[i] == value)
            {
                return true;
            }
        }

        return false;
    }
}
