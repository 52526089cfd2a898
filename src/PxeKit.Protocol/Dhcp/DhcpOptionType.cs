namespace PxeKit.Protocol.Dhcp;

/// <summary>How an option's value is written (RFC 2132 section 2 and each option's own section).</summary>
public enum DhcpOptionType
{
    /// <summary>One IPv4 address, 4 bytes.</summary>
    Address,

    /// <summary>One or more IPv4 addresses, 4 bytes each.</summary>
    Addresses,

    /// <summary>An unsigned number of one byte.</summary>
    UInt8,

    /// <summary>An unsigned number of two bytes, network order.</summary>
    UInt16,

    /// <summary>An unsigned number of four bytes, network order.</summary>
    UInt32,

    /// <summary>A signed number of four bytes, network order (option 2, the time offset).</summary>
    Int32,

    /// <summary>Text, as it is (NVT ASCII), without a trailing NUL.</summary>
    String,

    /// <summary>Bytes written as hex: <c>01:02:0a</c> or <c>01020a</c>.</summary>
    Hex,

    /// <summary>One byte, 1 for true and 0 for false.</summary>
    Bool,

    /// <summary>A list of domain names in DNS wire form (RFC 3397: option 119, the domain search list).</summary>
    Domains,
}
