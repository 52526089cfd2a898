using System.Net;

namespace PxeKit.Protocol.Dhcp6;

/// <summary>Ports, fixed offsets, sizes and limits of a DHCPv6 message (RFC 8415 sections 7 and 8).</summary>
public static class Dhcp6Constants
{
    /// <summary>Clients listen on UDP 546 (RFC 8415 section 7.2).</summary>
    public const int ClientPort = 546;
    /// <summary>Servers and relay agents listen on UDP 547 (RFC 8415 section 7.2).</summary>
    public const int ServerPort = 547;

    /// <summary>All_DHCP_Relay_Agents_and_Servers, link-scoped (RFC 8415 section 7.1).</summary>
    public static readonly IPAddress AllRelayAgentsAndServers = IPAddress.Parse("ff02::1:2");

    public const int MessageTypeOffset = 0;
    public const int TransactionIdOffset = 1;
    /// <summary>msg-type and the 3-byte transaction-id: the shortest client/server message (RFC 8415 section 8).</summary>
    public const int HeaderLength = 4;

    public const int HopCountOffset = 1;
    public const int LinkAddressOffset = 2;
    public const int PeerAddressOffset = 18;
    /// <summary>msg-type, hop-count, link-address, peer-address: the shortest relay message (RFC 8415 section 9).</summary>
    public const int RelayHeaderLength = 34;

    /// <summary>option-code and option-len, two bytes each (RFC 8415 section 21.1).</summary>
    public const int OptionHeaderLength = 4;

    /// <summary>IAID, T1, T2 before IA_NA's own options (RFC 8415 section 21.4).</summary>
    public const int IaNaHeaderLength = 12;
    /// <summary>IPv6 address, preferred and valid lifetimes before IAaddr's own options (RFC 8415 section 21.6).</summary>
    public const int IaAddressHeaderLength = 24;
    /// <summary>The enterprise number before the vendor class data (RFC 8415 section 21.16).</summary>
    public const int VendorClassHeaderLength = 4;
    /// <summary>Type, major and minor of option 62 (RFC 5970 section 3.4).</summary>
    public const int NetworkInterfaceIdLength = 3;

    /// <summary>A DUID is a 2-byte type and at most 128 bytes more (RFC 8415 section 11.1).</summary>
    public const int MaximumDuidLength = 130;
    /// <summary>The type and at least one byte of identifier.</summary>
    public const int MinimumDuidLength = 3;

    /// <summary>The largest reply PxeKit writes: the IPv6 minimum MTU (RFC 8200) less the IPv6 and UDP headers.</summary>
    public const int MaximumReplyLength = 1280 - 40 - 8;

    /// <summary>The IPv6 address length.</summary>
    public const int AddressLength = 16;

    /// <summary>Lifetimes and T1/T2 of all ones mean infinity (RFC 8415 section 7.7).</summary>
    public const uint Infinity = uint.MaxValue;
}
