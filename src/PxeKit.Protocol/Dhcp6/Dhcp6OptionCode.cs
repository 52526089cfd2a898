namespace PxeKit.Protocol.Dhcp6;

/// <summary>
/// The DHCPv6 options PxeKit reads or writes (RFC 8415 section 21, RFC 3646 for DNS, RFC 5970 for the
/// network boot options; the IANA "Option Codes" registry).
/// </summary>
public enum Dhcp6OptionCode : ushort
{
    ClientId = 1,
    ServerId = 2,
    /// <summary>Identity association for non-temporary addresses: IAID, T1, T2, then options.</summary>
    IaNa = 3,
    IaTa = 4,
    /// <summary>An address inside an IA: address, preferred and valid lifetimes, then options.</summary>
    IaAddress = 5,
    /// <summary>Option request option: a list of 16-bit option codes.</summary>
    OptionRequest = 6,
    Preference = 7,
    /// <summary>Hundredths of a second since the client began this exchange.</summary>
    ElapsedTime = 8,
    /// <summary>The client's message inside a relay message (RFC 8415 section 21.10).</summary>
    RelayMessage = 9,
    StatusCode = 13,
    RapidCommit = 14,
    /// <summary>A list of length-prefixed opaque strings; iPXE sends <c>iPXE</c>.</summary>
    UserClass = 15,
    /// <summary>An enterprise number, then a list of length-prefixed opaque strings.</summary>
    VendorClass = 16,
    VendorOptions = 17,
    InterfaceId = 18,
    /// <summary>Recursive DNS servers, a list of IPv6 addresses (RFC 3646 section 3).</summary>
    DnsServers = 23,
    DomainList = 24,
    /// <summary>The boot file URL (RFC 5970 section 3.1).</summary>
    BootFileUrl = 59,
    /// <summary>Parameters for the boot file: length-prefixed UTF-8 strings (RFC 5970 section 3.2).</summary>
    BootFileParameters = 60,
    /// <summary>Client system architecture types: a list of 16-bit values (RFC 5970 section 3.3).</summary>
    ClientArchitectureType = 61,
    /// <summary>Client network interface identifier: type, major, minor (RFC 5970 section 3.4).</summary>
    NetworkInterfaceId = 62,
}
