namespace PxeKit.Protocol.Icmpv6;

/// <summary>
/// A router solicitation as received on a raw ICMPv6 socket (the ICMPv6 message, without the IPv6 header): RFC 4861
/// section 4.1. Reading it never throws: a message that is not a well-formed solicitation is refused by
/// <see cref="TryRead"/>.
/// </summary>
public readonly ref struct RouterSolicitationView
{
    private const int HeaderLength = 8;

    private RouterSolicitationView(ReadOnlySpan<byte> sourceLinkLayerAddress) => SourceLinkLayerAddress = sourceLinkLayerAddress;

    /// <summary>The sender's link-layer (MAC) address from its option, empty when it sent none (as from an unspecified source).</summary>
    public ReadOnlySpan<byte> SourceLinkLayerAddress { get; }

    /// <summary>
    /// Reads a solicitation: type 133, code 0, at least 8 bytes, and options that each have a non-zero length and fit
    /// (section 6.1.1 says a host must drop anything else).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> message, out RouterSolicitationView view)
    {
        view = default;
        if (message.Length < HeaderLength || message[0] != (byte)Icmpv6Type.RouterSolicitation || message[1] != 0)
        {
            return false;
        }

        if (!NdpOptions.TryFind(message[HeaderLength..], NdpOptionType.SourceLinkLayerAddress, out var linkLayer, out var wellFormed) && !wellFormed)
        {
            return false;
        }

        view = new RouterSolicitationView(linkLayer);
        return true;
    }
}
