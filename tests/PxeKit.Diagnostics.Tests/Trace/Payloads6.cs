using System.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Protocol.Dhcp6;

namespace PxeKit.Diagnostics.Tests.Trace;

/// <summary>DHCPv6 messages and router discovery for <see cref="WireScript"/>: one UEFI client on a link of its own.</summary>
internal static class Payloads6
{
    /// <summary>The client's link-local address, made from <see cref="Payloads.Mac"/> (EUI-64).</summary>
    public const string ClientLinkLocal = "fe80::5054:ff:fe00:1";

    /// <summary>The DHCPv6 server's and router's link-local address.</summary>
    public const string ServerLinkLocal = "fe80::1";

    /// <summary>The server's unique-local address, which its boot URLs name.</summary>
    public const string Server = "fd00:47::1";

    /// <summary>The address the client is given.</summary>
    public const string Client = "fd00:47::100";

    public const string AllNodes = "ff02::1";

    public const string AllRoutersAndServers = "ff02::1:2";

    public const string AllRouters = "ff02::2";

    private const uint Iaid = 1;

    private static readonly byte[] ClientDuid = Dhcp6Duid.LinkLayer(MacAddress.TryParse(Payloads.Mac, out var mac) ? mac : []);

    private static readonly byte[] ServerDuid = Dhcp6Duid.LinkLayer([0x52, 0x54, 0x00, 0x00, 0x00, 0xfe]);

    /// <summary>A Solicit as edk2's PXE client sends it: its DUID, an IA_NA, arch 7 (x64 UEFI), and option 59 asked.</summary>
    public static byte[] Solicit(uint xid, bool asksBootUrl = true) => ClientMessage(Dhcp6MessageType.Solicit, xid, null, null, asksBootUrl);

    public static byte[] Request(uint xid, string address) => ClientMessage(Dhcp6MessageType.Request, xid, ServerDuid, IPAddress.Parse(address), true);

    /// <summary>An Advertise or Reply to <see cref="Solicit"/>: the address, and the boot file URL when given.</summary>
    public static byte[] Answer(Dhcp6MessageType type, uint xid, string? address, string? bootUrl)
    {
        var buffer = new byte[512];
        var writer = new Dhcp6MessageWriter(buffer, type, xid);
        writer.WriteServerId(ServerDuid);
        writer.WriteClientId(ClientDuid);
        if (address is not null)
        {
            writer.WriteIaNa(Iaid, 3600, 5760, IPAddress.Parse(address), 3600, 7200);
        }

        if (bootUrl is not null)
        {
            writer.WriteBootFileUrl(bootUrl);
        }

        return writer.Written.ToArray();
    }

    /// <summary>
    /// <paramref name="message"/> inside a Relay-forward (or, with <paramref name="reply"/>, a Relay-reply), as a relay on
    /// the client's link builds it (RFC 8415 section 9): the link-address <paramref name="link"/>, the client's link-local
    /// address as its peer-address, an Interface-Id, and the message in option 9.
    /// </summary>
    public static byte[] Relayed(byte[] message, string link, bool reply = false)
    {
        byte[] interfaceId = [0, 18, 0, 4, .. "eth1"u8];
        byte[] relayMessage = [0, 9, (byte)(message.Length >> 8), (byte)message.Length, .. message];
        return [(byte)(reply ? Dhcp6MessageType.RelayReply : Dhcp6MessageType.RelayForward), 0, .. IPAddress.Parse(link).GetAddressBytes(),
            .. IPAddress.Parse(ClientLinkLocal).GetAddressBytes(), .. interfaceId, .. relayMessage];
    }

    /// <summary>A router solicitation (RFC 4861 section 4.1) with the client's MAC in its source link-layer option.</summary>
    public static byte[] RouterSolicitation() =>
    [
        133, 0, 0, 0,                                   // type 133, code 0, checksum (not checked here)
        0, 0, 0, 0,                                     // reserved
        1, 1, 0x52, 0x54, 0x00, 0x00, 0x00, 0x01,       // option 1 (source link-layer address), 1 unit: the MAC
    ];

    /// <summary>A router advertisement (section 4.2): the flags asked, no default route, one prefix information option.</summary>
    public static byte[] RouterAdvertisement(bool managed) =>
    [
        134, 0, 0, 0,                                   // type 134, code 0, checksum
        64, (byte)(managed ? 0xc0 : 0x00), 0, 0,        // hop limit 64, M and O flags, router lifetime 0 s
        0, 0, 0, 0, 0, 0, 0, 0,                         // reachable time, retransmission timer
        3, 4, 64, 0xc0,                                 // option 3 (prefix information), 4 units, /64, on-link and autonomous
        0, 0, 0x0e, 0x10, 0, 0, 0x0e, 0x10,             // valid and preferred lifetimes: 3600 s
        0, 0, 0, 0,                                     // reserved
        0xfd, 0x00, 0x00, 0x47, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // fd00:47::
    ];

    private static byte[] ClientMessage(Dhcp6MessageType type, uint xid, byte[]? serverDuid, IPAddress? address, bool asksBootUrl)
    {
        var buffer = new byte[512];
        var writer = new Dhcp6MessageWriter(buffer, type, xid);
        writer.WriteClientId(ClientDuid);
        if (serverDuid is not null)
        {
            writer.WriteServerId(serverDuid);
        }

        writer.WriteIaNa(Iaid, 0, 0, address, 0, 0);
        writer.Write(Dhcp6OptionCode.OptionRequest, asksBootUrl ? new byte[] { 0, 59, 0, 23 } : new byte[] { 0, 23 });
        writer.WriteUInt16(Dhcp6OptionCode.ClientArchitectureType, 7);
        return writer.Written.ToArray();
    }
}
