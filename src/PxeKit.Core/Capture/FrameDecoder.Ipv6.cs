using System.Buffers.Binary;
using System.Net;

namespace PxeKit.Core.Capture;

/// <summary>IPv6: the fixed header, the extension headers stepped over, and the transport behind them.</summary>
public static partial class FrameDecoder
{
    private const int Ipv6HeaderLength = 40;
    private const int Ipv6AddressLength = 16;
    private const byte NextHeaderHopByHop = 0;
    private const byte NextHeaderRouting = 43;
    private const byte NextHeaderFragment = 44;
    private const byte NextHeaderDestinationOptions = 60;
    private const int ExtensionHeaderMinLength = 8;
    private const int FragmentHeaderLength = 8;

    /// <summary>
    /// A bound on the extension headers stepped over: RFC 8200 section 4.1 allows each kind once (destination options
    /// twice), so a chain longer than this is hostile, and reading it would cost time for nothing.
    /// </summary>
    private const int MaxExtensionHeaders = 8;

    // RFC 8200 section 3 (the fixed header) and section 4 (extension headers: hop-by-hop options, routing and destination
    // options are 8 + 8 * "Hdr Ext Len" bytes; the fragment header is 8, and a fragment other than the first carries no
    // transport header to read). ESP, AH and "no next header" end the walk: nothing readable follows.
    private static bool TryDecodeIpv6(in CapturedFrame frame, int start, out WireSegment segment)
    {
        segment = default;
        var ip = frame.Data.Span[start..];
        if (ip.Length < Ipv6HeaderLength)
        {
            return false;
        }

        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        byte next = ip[6];
        int offset = Ipv6HeaderLength;
        for (int headers = 0; next is not (ProtocolUdp or ProtocolTcp or ProtocolIcmpv6); headers++)
        {
            if (headers == MaxExtensionHeaders || ip.Length < offset + ExtensionHeaderMinLength)
            {
                return false;
            }

            int length;
            switch (next)
            {
                case NextHeaderHopByHop or NextHeaderRouting or NextHeaderDestinationOptions:
                    length = (ip[offset + 1] + 1) * ExtensionHeaderMinLength;
                    break;
                case NextHeaderFragment:
                    // The offset is the high 13 bits of the third and fourth bytes: not 0 is a later fragment.
                    if (BinaryPrimitives.ReadUInt16BigEndian(ip[(offset + 2)..]) >> 3 != 0)
                    {
                        return false;
                    }

                    length = FragmentHeaderLength;
                    break;
                default:
                    return false;
            }

            next = ip[offset];
            offset += length;
        }

        // A payload length of 0 is a jumbogram (RFC 2675), or a lie: either way shorter than the headers it claims.
        int wireLength = Ipv6HeaderLength + payloadLength - offset;
        if (offset > ip.Length || wireLength < 0)
        {
            return false;
        }

        var source = new IPAddress(ip.Slice(8, Ipv6AddressLength));
        var destination = new IPAddress(ip.Slice(8 + Ipv6AddressLength, Ipv6AddressLength));
        return TryDecodeTransport(frame, next, source, destination, start + offset, wireLength, out segment);
    }
}
