using System.Buffers.Binary;

namespace PxeKit.Protocol.Icmpv6;

/// <summary>
/// Writes a router advertisement (RFC 4861 section 4.2) for a raw ICMPv6 socket: the checksum is left zero, for the
/// kernel fills it in on such sockets (RFC 3542 section 3.1).
/// </summary>
public static class RouterAdvertisementWriter
{
    /// <summary>The longest advertisement written: header, source link-layer address, one prefix.</summary>
    public const int MaxLength = 16 + 8 + 32;

    private const int PrefixOnLink = 0x80;
    private const int PrefixAutonomous = 0x40;

    /// <summary>
    /// Writes the advertisement into <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes) and gives
    /// its length. A router lifetime of zero says "not a default router" (section 6.2.5). A prefix, when given, is
    /// advertised on-link and, unless <paramref name="autonomous"/>, not for addresses of the hosts' own making.
    /// </summary>
    public static int Write(
        Span<byte> destination,
        RouterAdvertisementFlags flags,
        TimeSpan routerLifetime,
        ReadOnlySpan<byte> sourceLinkLayerAddress,
        Ipv6Prefix? prefix = null,
        TimeSpan prefixLifetime = default,
        bool autonomous = false)
    {
        if (destination.Length < MaxLength)
        {
            throw new ArgumentException($"a router advertisement needs {MaxLength} bytes", nameof(destination));
        }

        if (sourceLinkLayerAddress.Length is not (0 or 6))
        {
            throw new ArgumentException("the link-layer address is an Ethernet address of 6 bytes", nameof(sourceLinkLayerAddress));
        }

        destination[..MaxLength].Clear();
        destination[0] = (byte)Icmpv6Type.RouterAdvertisement;
        destination[4] = 64; // Cur hop limit for the hosts that follow it: the common default.
        destination[5] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], (ushort)Math.Clamp(routerLifetime.TotalSeconds, 0, 9000));
        var length = 16; // Reachable time and retransmission timer stay 0: unspecified.
        if (!sourceLinkLayerAddress.IsEmpty)
        {
            destination[length] = (byte)NdpOptionType.SourceLinkLayerAddress;
            destination[length + 1] = 1;
            sourceLinkLayerAddress.CopyTo(destination[(length + 2)..]);
            length += 8;
        }

        if (prefix is { } advertised)
        {
            var option = destination.Slice(length, 32);
            option[0] = (byte)NdpOptionType.PrefixInformation;
            option[1] = 4;
            option[2] = (byte)advertised.Length;
            option[3] = (byte)(PrefixOnLink | (autonomous ? PrefixAutonomous : 0));
            var seconds = (uint)Math.Clamp(prefixLifetime.TotalSeconds, 0, uint.MaxValue);
            BinaryPrimitives.WriteUInt32BigEndian(option[4..], seconds);
            BinaryPrimitives.WriteUInt32BigEndian(option[8..], seconds);
            advertised.Address.TryWriteBytes(option[16..], out _);
            length += 32;
        }

        return length;
    }
}
