using PacketDotNet;

namespace PxeKit.Diagnostics.Trace;

/// <summary>
/// One captured frame as the analyzer takes it: when it was seen, how its link layer is framed, the bytes
/// captured and how long the frame really was (longer than <see cref="Data"/> when the capture had a snap length).
/// </summary>
/// <param name="Time">When the frame was captured.</param>
/// <param name="LinkType">Ethernet, Linux cooked (SLL, SLL2) or raw IPv4.</param>
/// <param name="Data">The captured bytes, from the link-layer header on.</param>
/// <param name="OriginalLength">The frame's length on the wire; 0 means the same as <see cref="Data"/>.</param>
public readonly record struct TraceFrame(DateTimeOffset Time, LinkLayers LinkType, ReadOnlyMemory<byte> Data, int OriginalLength = 0)
{
    /// <summary>The frame's length on the wire.</summary>
    public int WireLength => Math.Max(OriginalLength, Data.Length);
}
