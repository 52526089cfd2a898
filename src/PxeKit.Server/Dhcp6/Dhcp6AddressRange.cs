using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace PxeKit.Server.Dhcp6;

/// <summary>An inclusive range of IPv6 addresses, as 128-bit numbers, at most <see cref="Dhcp6Settings.MaximumRangeSize"/> long.</summary>
public sealed class Dhcp6AddressRange
{
    private Dhcp6AddressRange(UInt128 first, UInt128 last)
    {
        First = first;
        Last = last;
    }

    public UInt128 First { get; }

    public UInt128 Last { get; }

    public int Count => (int)(Last - First + 1);

    public static bool TryCreate(IPAddress start, IPAddress end, [NotNullWhen(true)] out Dhcp6AddressRange? range, out string why)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        range = null;
        if (start.AddressFamily != AddressFamily.InterNetworkV6 || end.AddressFamily != AddressFamily.InterNetworkV6)
        {
            why = "both ends must be IPv6 addresses";
            return false;
        }

        if (start.IsIPv6LinkLocal || start.IsIPv6Multicast || end.IsIPv6Multicast)
        {
            why = "the range must hold unicast addresses that are not link-local";
            return false;
        }

        UInt128 first = ToNumber(start), last = ToNumber(end);
        if (last < first)
        {
            why = "the end comes before the start";
            return false;
        }

        if (first >> 64 != last >> 64)
        {
            why = "both ends must be in the same /64";
            return false;
        }

        if (last - first >= Dhcp6Settings.MaximumRangeSize)
        {
            why = $"more than {Dhcp6Settings.MaximumRangeSize} addresses";
            return false;
        }

        why = "";
        range = new Dhcp6AddressRange(first, last);
        return true;
    }

    public bool Contains(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && ToNumber(address) is var n && n >= First && n <= Last;

    /// <summary>Whether <paramref name="address"/> is in the /64 of the range's first address: the link the range is for.</summary>
    public bool OnLink(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && ToNumber(address) >> 64 == First >> 64;

    public IPAddress At(int index) => ToAddress(First + (UInt128)index);

    public static UInt128 ToNumber(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    public static IPAddress ToAddress(UInt128 number)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, number);
        return new IPAddress(bytes);
    }
}
