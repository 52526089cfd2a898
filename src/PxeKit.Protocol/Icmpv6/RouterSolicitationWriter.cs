namespace PxeKit.Protocol.Icmpv6;

/// <summary>
/// Writes a router solicitation (RFC 4861 section 4.1): type 133, code 0, the checksum left zero for the kernel to fill
/// in (a raw ICMPv6 socket computes it, RFC 3542 section 3.1), four reserved bytes, then the source link-layer address
/// option.
/// </summary>
public static class RouterSolicitationWriter
{
    /// <summary>The header and a source link-layer address option for a 6-byte MAC.</summary>
    public const int MaxLength = 8 + 8;

    /// <summary>Writes into <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes) and returns the length written.</summary>
    public static int Write(Span<byte> destination, ReadOnlySpan<byte> mac)
    {
        if (mac.Length != 6)
        {
            throw new ArgumentException("A source link-layer address option carries a 6-byte MAC.", nameof(mac));
        }

        var message = destination[..MaxLength];
        message.Clear();
        message[0] = (byte)Icmpv6Type.RouterSolicitation;
        message[8] = (byte)NdpOptionType.SourceLinkLayerAddress;
        message[9] = 1; // length in units of 8 bytes
        mac.CopyTo(message[10..]);
        return MaxLength;
    }
}
