namespace PxeKit.Protocol.Tests.Dhcp6;

/// <summary>Hand-made DHCPv6 messages, written field by field.</summary>
internal static class Dhcp6TestPackets
{
    /// <summary>A Solicit as a UEFI PXE client sends one, with rapid commit.</summary>
    public static byte[] Solicit() =>
    [
        0x01, 0xab, 0xcd, 0xef,                               // msg-type Solicit, transaction-id 0xabcdef
        0x00, 0x01, 0x00, 0x0a,                               // option 1 client id, 10 bytes
        0x00, 0x03, 0x00, 0x01,                               //   DUID-LL, hardware type 1
        0x52, 0x54, 0x00, 0x12, 0x34, 0x56,                   //   MAC 52:54:00:12:34:56
        0x00, 0x03, 0x00, 0x0c,                               // option 3 IA_NA, 12 bytes
        0x00, 0x00, 0x00, 0x2a,                               //   IAID 42
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,       //   T1 0, T2 0
        0x00, 0x06, 0x00, 0x04, 0x00, 0x3b, 0x00, 0x17,       // option 6 ORO: 59, 23
        0x00, 0x08, 0x00, 0x02, 0x00, 0x05,                   // option 8 elapsed time 5
        0x00, 0x0e, 0x00, 0x00,                               // option 14 rapid commit
        0x00, 0x3d, 0x00, 0x04, 0x00, 0x07, 0x00, 0x09,       // option 61 arch: 7, 9
        0x00, 0x3e, 0x00, 0x03, 0x01, 0x03, 0x0a,             // option 62 NII: UNDI 3.10
        0x00, 0x0f, 0x00, 0x06, 0x00, 0x04, 0x69, 0x50, 0x58, 0x45, // option 15 user class: "iPXE"
        0x00, 0x10, 0x00, 0x0b,                               // option 16 vendor class, 11 bytes
        0x00, 0x00, 0x01, 0x57,                               //   enterprise 343 (Intel)
        0x00, 0x05, 0x50, 0x58, 0x45, 0x43, 0x6c,             //   "PXECl"
    ];

    /// <summary>A Relay-forward from a relay on fd00::1 carrying <see cref="Solicit"/>.</summary>
    public static byte[] RelayForward()
    {
        var inner = Solicit();
        var relay = new List<byte>
        {
            0x0c, 0x01,                                       // msg-type Relay-forward, hop count 1
            0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, // link-address fd00::1
            0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, // peer-address fe80::2
            0x00, 0x09, 0x00, (byte)inner.Length,             // option 9 relay message
        };
        relay.AddRange(inner);
        return [.. relay];
    }
}
