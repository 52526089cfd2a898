using System.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Protocol.Dhcp6;

namespace PxeKit.Core.Net;

/// <summary>
/// The MAC PxeKit speaks of for a DHCPv6 client, which sends no hardware address: the one inside its DUID-LL or
/// DUID-LLT (edk2), else the one its EUI-64 link-local source address was made from (iPXE sends a DUID-UUID),
/// else its DUID in colon hex, so that the journal, the profiles and a trace of the wire have one name for it.
/// </summary>
public static class Dhcp6ClientIdentity
{
    public static string MacOf(ReadOnlySpan<byte> duid, IPAddress source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (Dhcp6Duid.TryGetMac(duid, out var mac))
        {
            return MacAddress.Format(mac);
        }

        return MacOfLinkLocal(source) ?? Dhcp6Duid.Format(duid);
    }

    /// <summary>The MAC an EUI-64 link-local address was made from, or null for any other address.</summary>
    public static string? MacOfLinkLocal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsIPv6LinkLocal)
        {
            return null;
        }

        var bytes = address.GetAddressBytes();
        // RFC 4291 appendix A: the interface id is the MAC with ff:fe in its middle and the U/L bit flipped.
        return bytes[11] == 0xff && bytes[12] == 0xfe
            ? MacAddress.Format([(byte)(bytes[8] ^ 0x02), bytes[9], bytes[10], bytes[13], bytes[14], bytes[15]])
            : null;
    }
}
