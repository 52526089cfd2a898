using System.Buffers.Binary;
using System.Globalization;

namespace PxeKit.Protocol.Dhcp6;

/// <summary>
/// DHCP unique identifiers (RFC 8415 section 11): making DUID-LL and DUID-LLT from a MAC, and reading the
/// MAC back out of them. PxeKit's own server DUID is the DUID-LL of its interface's MAC: stable across
/// restarts without stored state, as section 11.4 allows for a server with a permanent interface.
/// </summary>
public static class Dhcp6Duid
{
    /// <summary>DUID-LLT: link-layer address plus time (RFC 8415 section 11.2).</summary>
    public const ushort LinkLayerTimeType = 1;
    /// <summary>DUID-EN: enterprise number plus identifier (RFC 8415 section 11.3).</summary>
    public const ushort EnterpriseType = 2;
    /// <summary>DUID-LL: link-layer address (RFC 8415 section 11.4).</summary>
    public const ushort LinkLayerType = 3;
    /// <summary>DUID-UUID (RFC 6355): edk2 uses it with the machine's SMBIOS UUID.</summary>
    public const ushort UuidType = 4;

    /// <summary>Hardware type 1, Ethernet (the IANA "Hardware Types" registry, as RFC 826 uses it).</summary>
    public const ushort EthernetHardwareType = 1;

    private const int EthernetAddressLength = 6;

    /// <summary>The DUID-LLT epoch: midnight UTC, 1 January 2000 (RFC 8415 section 11.2).</summary>
    public static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>DUID-LL of an Ethernet address: type 3, hardware type 1, the 6 bytes.</summary>
    public static byte[] LinkLayer(ReadOnlySpan<byte> mac)
    {
        RequireEthernet(mac);
        var duid = new byte[4 + EthernetAddressLength];
        BinaryPrimitives.WriteUInt16BigEndian(duid, LinkLayerType);
        BinaryPrimitives.WriteUInt16BigEndian(duid.AsSpan(2), EthernetHardwareType);
        mac.CopyTo(duid.AsSpan(4));
        return duid;
    }

    /// <summary>DUID-LLT of an Ethernet address at <paramref name="time"/> (seconds since 2000, modulo 2^32).</summary>
    public static byte[] LinkLayerTime(ReadOnlySpan<byte> mac, DateTimeOffset time)
    {
        RequireEthernet(mac);
        var duid = new byte[8 + EthernetAddressLength];
        BinaryPrimitives.WriteUInt16BigEndian(duid, LinkLayerTimeType);
        BinaryPrimitives.WriteUInt16BigEndian(duid.AsSpan(2), EthernetHardwareType);
        BinaryPrimitives.WriteUInt32BigEndian(duid.AsSpan(4), (uint)((long)(time - Epoch).TotalSeconds & uint.MaxValue));
        mac.CopyTo(duid.AsSpan(8));
        return duid;
    }

    /// <summary>The Ethernet address inside a DUID-LL or DUID-LLT; false for other DUIDs (EN, UUID) and other hardware.</summary>
    public static bool TryGetMac(ReadOnlySpan<byte> duid, out ReadOnlySpan<byte> mac)
    {
        mac = default;
        if (duid.Length < 4 || BinaryPrimitives.ReadUInt16BigEndian(duid[2..]) != EthernetHardwareType)
        {
            return false;
        }

        var rest = BinaryPrimitives.ReadUInt16BigEndian(duid) switch
        {
            LinkLayerType => duid[4..],
            LinkLayerTimeType when duid.Length >= 8 => duid[8..],
            _ => default,
        };
        if (rest.Length != EthernetAddressLength)
        {
            return false;
        }

        mac = rest;
        return true;
    }

    /// <summary>The DUID type (its first two bytes), or 0 when it is too short to have one.</summary>
    public static ushort TypeOf(ReadOnlySpan<byte> duid) => duid.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(duid) : (ushort)0;

    /// <summary>Colon-separated lower-case hex, as the lease database and the journal write identifiers.</summary>
    public static string Format(ReadOnlySpan<byte> duid)
    {
        var text = new char[Math.Max(0, duid.Length * 3 - 1)];
        for (int i = 0; i < duid.Length; i++)
        {
            duid[i].TryFormat(text.AsSpan(i * 3), out _, "x2", CultureInfo.InvariantCulture);
            if (i + 1 < duid.Length)
            {
                text[i * 3 + 2] = ':';
            }
        }

        return new string(text);
    }

    private static void RequireEthernet(ReadOnlySpan<byte> mac)
    {
        if (mac.Length != EthernetAddressLength)
        {
            throw new ArgumentException($"an Ethernet address is {EthernetAddressLength} bytes, not {mac.Length}", nameof(mac));
        }
    }
}
