using System.Buffers.Binary;

namespace PxeKit.Protocol.Dhcp6;

/// <summary>An IA_NA option as it stands in a validated message: IAID, T1, T2 and its own options (RFC 8415 section 21.4).</summary>
public readonly ref struct Dhcp6IaNa
{
    private readonly ReadOnlySpan<byte> _data;

    internal Dhcp6IaNa(ReadOnlySpan<byte> data) => _data = data;

    /// <summary>The identity association id, chosen by the client and unique among its IAs.</summary>
    public uint Iaid => BinaryPrimitives.ReadUInt32BigEndian(_data);

    /// <summary>Seconds until the client renews with the server that gave the addresses.</summary>
    public uint T1 => BinaryPrimitives.ReadUInt32BigEndian(_data[4..]);

    /// <summary>Seconds until the client rebinds with any server.</summary>
    public uint T2 => BinaryPrimitives.ReadUInt32BigEndian(_data[8..]);

    /// <summary>The options inside the IA_NA (IAaddr, status code).</summary>
    public Dhcp6OptionEnumerator Options => new(_data[Dhcp6Constants.IaNaHeaderLength..]);

    /// <summary>The first IAaddr inside (the address a client asks for, or a server gives).</summary>
    public bool TryGetAddress(out Dhcp6IaAddress address)
    {
        if (Dhcp6OptionEnumerator.TryFind(_data[Dhcp6Constants.IaNaHeaderLength..], Dhcp6OptionCode.IaAddress, out var value))
        {
            address = new Dhcp6IaAddress(value);
            return true;
        }

        address = default;
        return false;
    }

    /// <summary>The status code option inside this IA_NA, if any.</summary>
    public bool TryGetStatus(out Dhcp6StatusCode code, out ReadOnlySpan<byte> message) =>
        ReadStatus(_data[Dhcp6Constants.IaNaHeaderLength..], out code, out message);

    internal static bool ReadStatus(ReadOnlySpan<byte> area, out Dhcp6StatusCode code, out ReadOnlySpan<byte> message)
    {
        if (Dhcp6OptionEnumerator.TryFind(area, Dhcp6OptionCode.StatusCode, out var value))
        {
            code = Dhcp6OptionRules.StatusOf(value);
            message = value[2..];
            return true;
        }

        code = Dhcp6StatusCode.Success;
        message = default;
        return false;
    }
}
