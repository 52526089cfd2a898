namespace PxeKit.Protocol.Dhcp6;

/// <summary>One option as it stands in the datagram: a 16-bit code and its value bytes.</summary>
public readonly ref struct Dhcp6Option
{
    public Dhcp6Option(ushort code, ReadOnlySpan<byte> data)
    {
        Code = code;
        Data = data;
    }

    public ushort Code { get; }

    public ReadOnlySpan<byte> Data { get; }
}
