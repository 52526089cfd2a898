namespace PxeKit.Protocol.Icmpv6;

/// <summary>The ICMPv6 message types of Neighbor Discovery (RFC 4861 section 4) that PxeKit reads or writes.</summary>
public enum Icmpv6Type : byte
{
    RouterSolicitation = 133,
    RouterAdvertisement = 134,
    NeighborSolicitation = 135,
    NeighborAdvertisement = 136,
}
