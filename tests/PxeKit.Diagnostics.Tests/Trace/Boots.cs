using PxeKit.Protocol.Dhcp;

namespace PxeKit.Diagnostics.Tests.Trace;

/// <summary>Whole boots as a capture would show them, to build the scenarios of the tests on.</summary>
internal static class Boots
{
    public const string Server = "10.0.0.1";
    public const string Client = "10.0.0.100";

    /// <summary>DISCOVER, OFFER, REQUEST, ACK with the boot file <paramref name="bootFile"/> from <see cref="Server"/>.</summary>
    public static WireScript Lease(this WireScript script, uint xid = 0x1234, string? bootFile = "pxelinux.0", bool ipxe = false, string mac = Payloads.Mac, string address = Client, ClientArchitecture? arch = null, string vendor = Payloads.BiosVendor)
    {
        return script
            .At(0).Udp("0.0.0.0", 68, "255.255.255.255", 67, Payloads.Discover(xid, mac, ipxe, vendor, arch: arch))
            .At(0.01).Udp(Server, 67, address, 68, Payloads.Reply(DhcpMessageType.Offer, xid, Server, address, bootFile, mac))
            .At(1).Udp("0.0.0.0", 68, "255.255.255.255", 67, Payloads.Request(DhcpMessageType.Request, xid, mac, ipxe, server: Server, requested: address))
            .At(1.01).Udp(Server, 67, address, 68, Payloads.Reply(DhcpMessageType.Ack, xid, Server, address, bootFile, mac));
    }

    /// <summary>
    /// Router discovery with the managed flag, then Solicit, Advertise, Request and Reply from <see cref="Payloads6.ServerLinkLocal"/>, giving
    /// <see cref="Payloads6.Client"/> and the boot file URL <paramref name="bootUrl"/>: edk2's PXE over IPv6.
    /// </summary>
    public static WireScript Lease6(this WireScript script, string? bootUrl = "tftp://[fd00:47::1]/ipxe.efi", uint xid = 0x123456)
    {
        return script
            .At(0).Icmpv6(Payloads6.ClientLinkLocal, Payloads6.AllRouters, Payloads6.RouterSolicitation())
            .At(0.01).Icmpv6(Payloads6.ServerLinkLocal, Payloads6.AllNodes, Payloads6.RouterAdvertisement(managed: true))
            .At(1).Udp(Payloads6.ClientLinkLocal, 546, Payloads6.AllRoutersAndServers, 547, Payloads6.Solicit(xid))
            .At(1.01).Udp(Payloads6.ServerLinkLocal, 547, Payloads6.ClientLinkLocal, 546, Payloads6.Answer(Protocol.Dhcp6.Dhcp6MessageType.Advertise, xid, Payloads6.Client, bootUrl))
            .At(2).Udp(Payloads6.ClientLinkLocal, 546, Payloads6.AllRoutersAndServers, 547, Payloads6.Request(xid + 1, Payloads6.Client))
            .At(2.01).Udp(Payloads6.ServerLinkLocal, 547, Payloads6.ClientLinkLocal, 546, Payloads6.Answer(Protocol.Dhcp6.Dhcp6MessageType.Reply, xid + 1, Payloads6.Client, bootUrl));
    }

    /// <summary>A whole TFTP read of <paramref name="blocks"/> full 1432-byte blocks and a last one of 100 bytes, starting at <paramref name="at"/>.</summary>
    public static WireScript Download(this WireScript script, double at, string file, int clientPort, int serverPort, int blocks = 2, string client = Client, byte[]? head = null, string server = Server)
    {
        script.At(at).Udp(client, clientPort, server, 69, Payloads.ReadRequest(file, 1432))
            .At(at + 0.01).Udp(server, serverPort, client, clientPort, Payloads.OptionAck(1432))
            .At(at + 0.02).Udp(client, clientPort, server, serverPort, Payloads.Ack(0));
        for (int block = 1; block <= blocks + 1; block++)
        {
            var time = at + 0.02 + (block * 0.01);
            script.At(time).Udp(server, serverPort, client, clientPort, Payloads.Data((ushort)block, block <= blocks ? 1432 : 100, block == 1 ? head : null))
                .At(time + 0.005).Udp(client, clientPort, server, serverPort, Payloads.Ack((ushort)block));
        }

        return script;
    }
}
