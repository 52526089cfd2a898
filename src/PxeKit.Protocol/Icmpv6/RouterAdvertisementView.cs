using System.Buffers.Binary;
using System.Net;

namespace PxeKit.Protocol.Icmpv6;

/// <summary>
/// A router advertisement as received on a raw ICMPv6 socket (RFC 4861 section 4.2), read without throwing: what
/// tells a real router on the segment (a non-zero lifetime) from one that only answers solicitations.
/// </summary>
public readonly ref struct RouterAdvertisementView
{
    private const int HeaderLength = 16;

    // RFC 4861 section 4.6.2: type, length 4 (32 bytes), prefix length, flags, two lifetimes, reserved, the prefix.
    private const int PrefixOptionLength = 32;
    private const int PrefixLengthOffset = 2;
    private const int PrefixOffset = 16;
    private const int OptionUnit = 8;

    private readonly ReadOnlySpan<byte> _options;

    private RouterAdvertisementView(RouterAdvertisementFlags flags, TimeSpan routerLifetime, ReadOnlySpan<byte> options)
    {
        Flags = flags;
        RouterLifetime = routerLifetime;
        _options = options;
    }

    public RouterAdvertisementFlags Flags { get; }

    /// <summary>How long the sender is a default router; zero when it is none.</summary>
    public TimeSpan RouterLifetime { get; }

    /// <summary>Reads an advertisement: type 134, code 0, at least 16 bytes, well-formed options.</summary>
    public static bool TryRead(ReadOnlySpan<byte> message, out RouterAdvertisementView view)
    {
        view = default;
        if (message.Length < HeaderLength || message[0] != (byte)Icmpv6Type.RouterAdvertisement || message[1] != 0)
        {
            return false;
        }

        if (!NdpOptions.TryFind(message[HeaderLength..], NdpOptionType.SourceLinkLayerAddress, out _, out var wellFormed) && !wellFormed)
        {
            return false;
        }

        view = new RouterAdvertisementView(
            (RouterAdvertisementFlags)(message[5] & 0xc0),
            TimeSpan.FromSeconds(BinaryPrimitives.ReadUInt16BigEndian(message[6..])),
            message[HeaderLength..]);
        return true;
    }

    /// <summary>
    /// The prefixes of its prefix information options (section 4.6.2), in order, at most <paramref name="max"/>: a
    /// malformed option ends the walk, and one with a prefix length past 128 is skipped.
    /// </summary>
    public IReadOnlyList<Ipv6Prefix> ReadPrefixes(int max)
    {
        var prefixes = new List<Ipv6Prefix>();
        var options = _options;
        while (prefixes.Count < max && options.Length >= 2 && options[1] != 0 && options[1] * OptionUnit <= options.Length)
        {
            int length = options[1] * OptionUnit;
            if (options[0] == (byte)NdpOptionType.PrefixInformation && length >= PrefixOptionLength && options[PrefixLengthOffset] <= 128)
            {
                prefixes.Add(new Ipv6Prefix(new IPAddress(options.Slice(PrefixOffset, 16)), options[PrefixLengthOffset]));
            }

            options = options[length..];
        }

        return prefixes;
    }
}
