namespace PxeKit.Server.Tests.Dhcp6;

/// <summary>
/// Requests from tests/PxeKit.Protocol.Tests/Data/ovmf-ipxe-dhcp6.pcap (real OVMF PXEv6 and iPXE), as hex: the
/// handlers are fed what real firmware sends.
/// </summary>
internal static class Dhcp6Captured
{
    /// <summary>edk2's PXE Solicit: DUID-LLT of 52:54:00:12:34:56, IAID 0x37e3d6f7, arch 7, ORO 59,60,23,16.</summary>
    public static byte[] OvmfSolicit => Convert.FromHexString(
        "015b481d0001000e0001000131ee54725254001234560008000200000003000c37e3d6f7ffffffffffffffff00060008003b003c00170010003e0003010300003d0002000700100026000001570020505845436c69656e743a417263683a30303030373a554e44493a303033303030");

    /// <summary>
    /// edk2's HTTP Boot Solicit, as HttpBootDxe builds it: <see cref="OvmfSolicit"/> with architecture 16 (x64 UEFI HTTP) in
    /// option 61 and <c>HTTPClient:Arch:00016:UNDI:003000</c> as its vendor class. Derived, not captured: Debian 12's OVMF
    /// (edk2-stable202211) gives up on HTTP Boot over IPv6 before it sends one (it starts DHCPv6 before its link-local
    /// address is usable, fixed in edk2-stable202508).
    /// </summary>
    public static byte[] OvmfHttpSolicit => Convert.FromHexString(Convert.ToHexString(OvmfSolicit)
        .Replace("003D00020007", "003D00020010", StringComparison.Ordinal)
        // Option 16 grows by a byte: 39 bytes, enterprise 343, one item of 33.
        .Replace("00100026000001570020505845436C69656E743A417263683A30303030373A", "00100027000001570021" + "48545450436C69656E743A417263683A30303031363A", StringComparison.Ordinal));

    /// <summary>iPXE's Solicit: DUID-UUID (zeros), IAID 0xaa55b0df, arch 7, user class iPXE.</summary>
    public static byte[] IpxeSolicit => Convert.FromHexString(
        "010837ef000100120004000000000000000000000000000000000003000caa55b0df00000000000000000006000800170018003b003c00100026000001570020505845436c69656e743a417263683a30303030373a554e44493a303033303130003d00020007003e000301030a000f0006000469505845000800020000");

    /// <summary>
    /// edk2's Request for the address it was advertised, to the server whose DUID is given (the capture's was
    /// dnsmasq's): the captured bytes with option 2 replaced.
    /// </summary>
    public static byte[] OvmfRequest(byte[] serverDuid, string address)
    {
        var list = new List<byte>(Convert.FromHexString("035c481d0001000e0001000131ee54725254001234560008000200000002"));
        list.AddRange([0, (byte)serverDuid.Length, .. serverDuid]);
        list.AddRange(Convert.FromHexString("0003002800000000000000000000000000050018000000000000000000000000000000000000000000000000"));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list)[(list.Count - 40)..], 0x37e3d6f7);
        System.Net.IPAddress.Parse(address).GetAddressBytes().CopyTo(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list)[(list.Count - 24)..]);
        list.AddRange(Convert.FromHexString("00060008003b003c00170010003e0003010300003d0002000700100026000001570020505845436c69656e743a417263683a30303030373a554e44493a303033303030"));
        return [.. list];
    }
}
