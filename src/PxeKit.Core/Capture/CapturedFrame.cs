using PacketDotNet;

namespace PxeKit.Core.Capture;

/// <summary>
/// One captured frame, read from a file or an interface: when it was seen, how its link layer is framed, the
/// bytes captured and how long the frame really was (longer than <see cref="Data"/> when the capture had a
/// snap length). <see cref="FrameDecoder"/> finds the datagram in it.
/// </summary>
/// <param name="Time">When the frame was captured.</param>
/// <param name="LinkType">Ethernet, Linux cooked (SLL, SLL2) or raw IPv4.</param>
/// <param name="Data">The captured bytes, from the link-layer header on.</param>
/// <param name="OriginalLength">The frame's length on the wire; 0 means the same as <see cref="Data"/>.</param>
public readonly record struct CapturedFrame(DateTimeOffset Time, LinkLayers LinkType, ReadOnlyMemory<byte> Data, int OriginalLength = 0)
{
    /// <summary>The frame's length on the wire.</summary>
    public int WireLength => Math.Max(OriginalLength, Data.Length);
}
