namespace PxeKit.Core.Capture;

/// <summary>What a <see cref="WireSegment"/> carries: the IP protocol the frame decoder found.</summary>
public enum WireTransport
{
    /// <summary>A UDP datagram (RFC 768), over IPv4 or IPv6.</summary>
    Udp,

    /// <summary>A TCP segment (RFC 9293), over IPv4 or IPv6.</summary>
    Tcp,

    /// <summary>An ICMPv6 message (RFC 4443): the payload starts at its type; the ports are 0.</summary>
    Icmpv6,
}
