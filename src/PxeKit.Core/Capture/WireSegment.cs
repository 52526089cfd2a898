using System.Net;

namespace PxeKit.Core.Capture;

/// <summary>A UDP datagram, TCP segment or ICMPv6 message over IPv4 or IPv6, cut out of a frame.</summary>
/// <param name="Transport">What the payload is: UDP, TCP, or ICMPv6 (whose ports are 0).</param>
/// <param name="Payload">The captured payload; shorter than <see cref="PayloadLength"/> when the capture cut the frame.</param>
/// <param name="PayloadLength">The payload's length on the wire, from the IP and UDP headers.</param>
public readonly record struct WireSegment(
    DateTimeOffset Time,
    IPAddress Source,
    int SourcePort,
    IPAddress Destination,
    int DestinationPort,
    WireTransport Transport,
    ReadOnlyMemory<byte> Payload,
    int PayloadLength)
{
    /// <summary>A TCP segment.</summary>
    public bool IsTcp => Transport == WireTransport.Tcp;

    /// <summary>A UDP datagram.</summary>
    public bool IsUdp => Transport == WireTransport.Udp;
}
