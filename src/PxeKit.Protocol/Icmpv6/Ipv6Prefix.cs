using System.Net;
using System.Net.Sockets;

namespace PxeKit.Protocol.Icmpv6;

/// <summary>An IPv6 prefix (address and length), as a router advertisement's prefix information carries it.</summary>
public readonly record struct Ipv6Prefix
{
    public Ipv6Prefix(IPAddress address, int length)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentException($"{address} is not an IPv6 address", nameof(address));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, 128);
        Address = address;
        Length = length;
    }

    public IPAddress Address { get; }

    public int Length { get; }

    public override string ToString() => $"{Address}/{Length}";
}
