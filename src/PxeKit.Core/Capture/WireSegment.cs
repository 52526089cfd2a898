using System.Net;

namespace PxeKit.Core.Capture;

/// <summary>A UDP datagram or TCP segment over IPv4, cut out of a frame.</summary>
/// <param name="Payload">The captured payload; shorter than <see cref="PayloadLength"/> when the capture cut the frame.</param>
/// <param name="PayloadLength">The payload's length on the wire, from the IP and UDP headers.</param>
public readonly record struct WireSegment(
    DateTimeOffset Time,
    IPAddress Source,
    int SourcePort,
    IPAddress Destination,
    int DestinationPort,
    bool IsTcp,
    ReadOnlyMemory<byte> Payload,
    int PayloadLength);
