using System.Net;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Load.Conformance;

/// <summary>An answer as it came off the wire: decoded, its UDP payload length, and who sent it.</summary>
public sealed record DhcpReply(DhcpMessage Message, int Length, IPEndPoint From)
{
    /// <summary>The IPv4 datagram's length: the UDP payload, the 8-byte UDP header and a 20-byte IP header (no options).</summary>
    public int DatagramLength => Length + 28;

    public DhcpMessageType Type => Message.MessageType;
}
