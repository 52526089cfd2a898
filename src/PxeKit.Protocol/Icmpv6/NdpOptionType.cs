namespace PxeKit.Protocol.Icmpv6;

/// <summary>Neighbor Discovery option types (RFC 4861 section 4.6).</summary>
public enum NdpOptionType : byte
{
    SourceLinkLayerAddress = 1,
    TargetLinkLayerAddress = 2,
    PrefixInformation = 3,
    Mtu = 5,
}
