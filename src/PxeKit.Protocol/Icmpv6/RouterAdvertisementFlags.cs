namespace PxeKit.Protocol.Icmpv6;

/// <summary>The flags octet of a router advertisement (RFC 4861 section 4.2).</summary>
[Flags]
public enum RouterAdvertisementFlags : byte
{
    None = 0,

    /// <summary>M: addresses come from DHCPv6 (stateful).</summary>
    Managed = 0x80,

    /// <summary>O: other configuration (DNS, boot URL) comes from DHCPv6.</summary>
    OtherConfiguration = 0x40,
}
