using System.Buffers.Binary;
using System.Net;

namespace PxeKit.Protocol.Dhcp6;

/// <summary>An IAaddr option in a validated message: address, preferred and valid lifetimes (RFC 8415 section 21.6).</summary>
public readonly ref struct Dhcp6IaAddress
{
    private readonly ReadOnlySpan<byte> _data;

    internal Dhcp6IaAddress(ReadOnlySpan<byte> data) => _data = data;

    /// <summary>The 16 address bytes.</summary>
    public ReadOnlySpan<byte> AddressBytes => _data[..Dhcp6Constants.AddressLength];

    /// <summary>The address as an <see cref="IPAddress"/> (allocates).</summary>
    public IPAddress Address => new(AddressBytes);

    public uint PreferredLifetime => BinaryPrimitives.ReadUInt32BigEndian(_data[16..]);

    public uint ValidLifetime => BinaryPrimitives.ReadUInt32BigEndian(_data[20..]);

    /// <summary>The options inside the IAaddr (a status code).</summary>
    public Dhcp6OptionEnumerator Options => new(_data[Dhcp6Constants.IaAddressHeaderLength..]);
}
