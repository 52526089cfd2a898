using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace PxeKit.Protocol.Dhcp;

/// <summary>IPv4 addresses as the big-endian 32-bit numbers the wire carries.</summary>
public static class Ipv4
{
    public static uint Read(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadUInt32BigEndian(source);

    public static void Write(Span<byte> destination, uint address) => BinaryPrimitives.WriteUInt32BigEndian(destination, address);

    /// <summary>The address as an <see cref="IPAddress"/>; 0.0.0.0 is the shared, read-only <see cref="IPAddress.Any"/>.</summary>
    public static IPAddress ToAddress(uint address)
    {
        if (address == 0)
        {
            return IPAddress.Any; // most of a request's four address fields: no need for an object each
        }

        Span<byte> bytes = stackalloc byte[4];
        Write(bytes, address);
        return new IPAddress(bytes);
    }

    public static uint FromAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"{address} is not an IPv4 address.", nameof(address));
        }

        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return Read(bytes);
    }

    public static string Format(uint address) => $"{address >> 24}.{(address >> 16) & 0xff}.{(address >> 8) & 0xff}.{address & 0xff}";
}
