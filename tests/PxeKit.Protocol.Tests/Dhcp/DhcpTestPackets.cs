using System.Buffers.Binary;

namespace PxeKit.Protocol.Tests.Dhcp;

/// <summary>Hand-built datagrams, laid out field by field as RFC 2131 figure 1 draws them.</summary>
internal static class DhcpTestPackets
{
    /// <summary>A BIOS PXE DISCOVER as iPXE sends it (options trimmed to the PXE ones).</summary>
    public static byte[] PxeDiscover()
    {
        var p = new byte[240];
        p[0] = 1;                                              // op: BOOTREQUEST
        p[1] = 1;                                              // htype: Ethernet
        p[2] = 6;                                              // hlen
        p[3] = 0;                                              // hops
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(4), 0x1a2b3c4d); // xid
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(8), 4);          // secs
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(10), 0x8000);    // flags: broadcast
        // ciaddr, yiaddr, siaddr, giaddr: 0.0.0.0 (bytes 12-27)
        byte[] mac = [0x52, 0x54, 0x00, 0x12, 0x34, 0x56];
        mac.CopyTo(p, 28);                                     // chaddr (16 bytes, 6 used)
        // sname (44-107) and file (108-235): empty
        p[236] = 99; p[237] = 130; p[238] = 83; p[239] = 99;   // magic cookie
        byte[] options =
        [
            53, 1, 1,                                          // message type: DISCOVER
            57, 2, 0x05, 0xc0,                                 // max message size 1472
            93, 2, 0x00, 0x00,                                 // client arch: IntelX86Pc
            94, 3, 1, 2, 1,                                    // NDI: UNDI 2.1
            60, 32, .. "PXEClient:Arch:00000:UNDI:002001"u8,   // vendor class
            77, 4, .. "iPXE"u8,                                // user class, bare (iPXE style)
            55, 4, 1, 3, 66, 67,                               // parameter request list
            255,                                               // end
        ];
        return [.. p, .. options];
    }
}
