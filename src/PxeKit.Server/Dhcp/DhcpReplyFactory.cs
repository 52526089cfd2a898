using System.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;

namespace PxeKit.Server.Dhcp;

/// <summary>The parts of a reply that do not depend on the mode: header, server identifier, relay, boot.</summary>
public static class DhcpReplyFactory
{
    /// <summary>A reply to <paramref name="request"/> with the header fields RFC 2131 table 3 copies.</summary>
    public static DhcpMessage Create(DhcpMessage request, DhcpMessageType type, IPAddress serverIdentifier)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reply = new DhcpMessage
        {
            Op = DhcpOpCode.BootReply,
            HardwareType = request.HardwareType,
            TransactionId = request.TransactionId,
            Flags = request.Flags,
            GatewayAddress = request.GatewayAddress,
            ClientHardwareAddress = request.ClientHardwareAddress,
        };
        reply.MessageType = type;
        reply.SetAddress(DhcpOptionCode.ServerIdentifier, serverIdentifier);
        return reply;
    }

    /// <summary>Adds the boot program: siaddr and file (and options 66 and 67 for clients that ask for them).</summary>
    public static void AddBoot(DhcpMessage request, DhcpMessage reply, BootAnswer answer, IPAddress defaultNextServer)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(answer);
        var nextServer = answer.NextServer ?? defaultNextServer;
        reply.ServerAddress = nextServer;
        reply.BootFile = answer.BootFile;
        if (request.ParameterRequestList.Contains((byte)DhcpOptionCode.TftpServerName))
        {
            reply.SetString(DhcpOptionCode.TftpServerName, nextServer.ToString());
        }

        if (request.ParameterRequestList.Contains((byte)DhcpOptionCode.BootFileName))
        {
            reply.SetString(DhcpOptionCode.BootFileName, answer.BootFile);
        }

        // No option 60 "PXEClient" and no option 43 here, as dnsmasq's dhcp-boot does: iPXE takes
        // an offer that carries both an address and "PXEClient" for a ProxyDHCP offer too, and then
        // waits ~15 s for an answer on port 4011 before it boots (seen in the lab). PXE ROMs boot
        // from siaddr and file alone.
    }

    /// <summary>Echoes option 82 as the relay sent it (RFC 3046 section 2.2).</summary>
    public static void EchoRelayInformation(DhcpMessage request, DhcpMessage reply)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reply);
        if (request.GetOption(DhcpOptionCode.RelayAgentInformation) is { } relay)
        {
            reply.SetOption(DhcpOptionCode.RelayAgentInformation, relay);
        }
    }
}
