namespace PxeKit.Protocol.Dhcp;

/// <summary>Fixed offsets, sizes and limits of a DHCPv4 message (RFC 2131 section 2, figure 1).</summary>
public static class DhcpConstants
{
    public const int ServerPort = 67;
    public const int ClientPort = 68;
    /// <summary>PXE boot server discovery port (PXE 2.1 specification).</summary>
    public const int PxeServerPort = 4011;

    public const int OpOffset = 0;
    public const int HardwareTypeOffset = 1;
    public const int HardwareLengthOffset = 2;
    public const int HopsOffset = 3;
    public const int TransactionIdOffset = 4;
    public const int SecondsOffset = 8;
    public const int FlagsOffset = 10;
    public const int ClientAddressOffset = 12;
    public const int YourAddressOffset = 16;
    public const int ServerAddressOffset = 20;
    public const int GatewayAddressOffset = 24;
    public const int ClientHardwareAddressOffset = 28;
    public const int ClientHardwareAddressLength = 16;
    public const int ServerNameOffset = 44;
    public const int ServerNameLength = 64;
    public const int BootFileOffset = 108;
    public const int BootFileLength = 128;
    public const int MagicCookieOffset = 236;
    /// <summary>The fixed header plus the magic cookie: the shortest DHCP message.</summary>
    public const int OptionsOffset = 240;

    /// <summary>99.130.83.99 (RFC 2131 section 3).</summary>
    public const uint MagicCookie = 0x63825363;

    /// <summary>BOOTP clients (and some PXE ROMs) drop replies shorter than a BOOTP message (RFC 1542 section 2.1).</summary>
    public const int MinimumReplyLength = 300;

    /// <summary>
    /// The smallest value option 57 may have (RFC 2132 section 9.10), and the datagram every client accepts
    /// without it (RFC 2131 section 2): it counts the IPv4 and UDP headers.
    /// </summary>
    public const int MinimumMaximumMessageSize = 576;

    /// <summary>An IPv4 header without options and a UDP header: what option 57 counts beyond the DHCP message.</summary>
    public const int IpUdpHeaderLength = 28;

    /// <summary>Largest datagram we read or write; a DHCP message fits an Ethernet frame in practice.</summary>
    public const int MaximumMessageLength = 1500;

    /// <summary>Broadcast bit of the flags field (RFC 2131 section 2, figure 2).</summary>
    public const ushort BroadcastFlag = 0x8000;

    /// <summary>ARP hardware type for Ethernet (RFC 1700).</summary>
    public const byte EthernetHardwareType = 1;
    public const byte EthernetAddressLength = 6;
}
