using System.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;

namespace PxeKit.Server.Dhcp;

/// <summary>The parts of a reply that do not depend on the mode: header, server identifier, relay, boot.</summary>
public static class DhcpReplyFactory
{
    /// <summary>
    /// A reply to <paramref name="request"/> with the header fields RFC 2131 table 3 copies, and the
    /// client identifier (option 61) unaltered, as RFC 6842 section 3 says every reply MUST carry it.
    /// A NAK through a relay has the broadcast bit set (RFC 2131 section 4.1): the relay broadcasts it,
    /// since the client has no address to be sent to. The reply is no larger than the client takes
    /// (option 57, <see cref="DhcpMessage.ReplyLimitFor"/>).
    /// </summary>
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
            MaximumLength = DhcpMessage.ReplyLimitFor(request),
        };
        reply.MessageType = type;
        reply.SetAddress(DhcpOptionCode.ServerIdentifier, serverIdentifier);
        if (request.GetOption(DhcpOptionCode.ClientIdentifier) is { } clientId)
        {
            reply.SetOption(DhcpOptionCode.ClientIdentifier, clientId);
        }

        if (type == DhcpMessageType.Nak && !request.GatewayAddress.Equals(IPAddress.Any))
        {
            reply.Flags |= DhcpConstants.BroadcastFlag;
        }

        return reply;
    }

    /// <summary>
    /// Adds the boot program: siaddr and file (and options 66 and 67 for clients that ask for them), and the profile's
    /// options.
    /// </summary>
    public static void AddBoot(DhcpMessage request, DhcpMessage reply, BootAnswer answer, IPAddress defaultNextServer)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(answer);
        var nextServer = answer.NextServer ?? defaultNextServer;
        reply.ServerAddress = nextServer;
        bool inFile = SetBootFile(reply, answer.BootFile);
        if (request.ParameterRequestList.Contains((byte)DhcpOptionCode.TftpServerName))
        {
            reply.SetString(DhcpOptionCode.TftpServerName, nextServer.ToString());
        }

        if (!inFile || request.ParameterRequestList.Contains((byte)DhcpOptionCode.BootFileName))
        {
            reply.SetString(DhcpOptionCode.BootFileName, answer.BootFile);
        }

        if (request.IsPxeClient && RaspberryPi.Is(request.ClientMac))
        {
            // A Pi boots only from a reply that says PXEClient with its menu entry in option 43.
            reply.SetString(DhcpOptionCode.VendorClassIdentifier, "PXEClient");
            reply.SetOption(DhcpOptionCode.VendorSpecific, RaspberryPi.VendorOptions());
        }

        if (answer.ForHttpClient)
        {
            // UEFI HTTP Boot takes a reply only if it echoes the vendor class (UEFI 2.5+, 24.7.2).
            reply.SetString(DhcpOptionCode.VendorClassIdentifier, "HTTPClient");
        }

        // No option 60 "PXEClient" and no option 43 here, as dnsmasq's dhcp-boot does: iPXE takes
        // an offer that carries both an address and "PXEClient" for a ProxyDHCP offer too, and then
        // waits ~15 s for an answer on port 4011 before it boots (seen in the lab). PXE ROMs boot
        // from siaddr and file alone.
        ConfiguredOption.AddTo(request, reply, answer.Options);
    }

    /// <summary>
    /// Boot information from a ProxyDHCP or boot server (PXE 2.1, 2.2.5 and 2.2.7): no address, option
    /// 60 says PXEClient (HTTPClient for UEFI HTTP Boot), the client's machine identifier (97) comes
    /// back, and, when asked, option 43 tells a PXE ROM to use the file without boot server discovery.
    /// </summary>
    public static void AddProxyBoot(DhcpMessage request, DhcpMessage reply, BootAnswer answer, IPAddress server, bool skipDiscovery)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(answer);
        reply.ServerAddress = answer.NextServer ?? server;
        if (!SetBootFile(reply, answer.BootFile))
        {
            reply.SetString(DhcpOptionCode.BootFileName, answer.BootFile);
        }
        reply.SetString(DhcpOptionCode.VendorClassIdentifier, answer.ForHttpClient ? "HTTPClient" : "PXEClient");
        if (request.GetOption(DhcpOptionCode.ClientMachineIdentifier) is { } guid)
        {
            reply.SetOption(DhcpOptionCode.ClientMachineIdentifier, guid);
        }

        if (RaspberryPi.Is(request.ClientMac))
        {
            reply.SetOption(DhcpOptionCode.VendorSpecific, RaspberryPi.VendorOptions());
        }
        else if (skipDiscovery && !answer.ForHttpClient)
        {
            reply.SetOption(DhcpOptionCode.VendorSpecific, PxeVendorOptions.SkipDiscovery());
        }

        ConfiguredOption.AddTo(request, reply, answer.Options);
    }

    /// <summary>
    /// Puts the boot file name in the <c>file</c> field, where PXE firmware reads it, when it fits (127 bytes
    /// and a NUL). False when it does not: the caller sends it as option 67 alone (HTTP Boot and iPXE read
    /// that; a long URL is the usual case), and <c>file</c> stays free for options (RFC 2132 section 9.3).
    /// </summary>
    private static bool SetBootFile(DhcpMessage reply, string bootFile)
    {
        if (System.Text.Encoding.Latin1.GetByteCount(bootFile) >= DhcpConstants.BootFileLength)
        {
            return false;
        }

        reply.BootFile = bootFile;
        return true;
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
