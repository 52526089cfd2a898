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

    /// <summary>A whole TFTP read of <paramref name="blocks"/> full 1432-byte blocks and a last one of 100 bytes, starting at <paramref name="at"/>.</summary>
    public static WireScript Download(this WireScript script, double at, string file, int clientPort, int serverPort, int blocks = 2, string client = Client, byte[]? head = null)
    {
        script.At(at).Udp(client, clientPort, Server, 69, Payloads.ReadRequest(file, 1432))
            .At(at + 0.01).Udp(Server, serverPort, client, clientPort, Payloads.OptionAck(1432))
            .At(at + 0.02).Udp(client, clientPort, Server, serverPort, Payloads.Ack(0));
        for (int block = 1; block <= blocks + 1; block++)
        {
            var time = at + 0.02 + (block * 0.01);
            script.At(time).Udp(Server, serverPort, client, clientPort, Payloads.Data((ushort)block, block <= blocks ? 1432 : 100, block == 1 ? head : null))
                .At(time + 0.005).Udp(client, clientPort, Server, serverPort, Payloads.Ack((ushort)block));
        }

        return script;
    }
}
