using System.Net;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Server.Dhcp;

/// <summary>Where a reply goes, by the rules of RFC 2131 section 4.1.</summary>
public static class DhcpReplyDestination
{
    // Most replies go here: one endpoint for all of them (nothing changes an endpoint once made).
    private static readonly IPEndPoint Broadcast = new(IPAddress.Broadcast, DhcpConstants.ClientPort);

    /// <summary>
    /// giaddr set: to the relay on port 67. Otherwise a NAK is broadcast; a client with ciaddr gets
    /// unicast; everything else is broadcast. RFC 2131 also allows unicast to yiaddr when the
    /// broadcast bit is clear, but that needs an ARP entry the client cannot answer for yet: PxeKit
    /// broadcasts instead, which every client accepts.
    /// </summary>
    public static IPEndPoint For(DhcpRequestContext context, DhcpMessage reply)
    {
        ArgumentNullException.ThrowIfNull(context);

        // A boot-server request on port 4011 comes from a client that has its address: answer where
        // it came from (PXE 2.1, 2.2.7).
        return context.LocalPort == DhcpConstants.PxeServerPort ? context.Source : For(context.Request, reply);
    }

    public static IPEndPoint For(DhcpMessage request, DhcpMessage reply)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reply);
        if (!request.GatewayAddress.Equals(IPAddress.Any))
        {
            return new IPEndPoint(request.GatewayAddress, DhcpConstants.ServerPort);
        }

        if (reply.MessageType == DhcpMessageType.Nak)
        {
            return Broadcast;
        }

        if (!request.ClientAddress.Equals(IPAddress.Any))
        {
            return new IPEndPoint(request.ClientAddress, DhcpConstants.ClientPort);
        }

        return Broadcast;
    }
}
