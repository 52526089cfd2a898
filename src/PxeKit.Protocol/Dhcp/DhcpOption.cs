namespace PxeKit.Protocol.Dhcp;

/// <summary>One option instance as it stands in the datagram: a code and its value bytes.</summary>
public readonly ref struct DhcpOption
{
    public DhcpOption(byte code, ReadOnlySpan<byte> data)
    {
        Code = code;
        Data = data;
    }

    public byte Code { get; }

    public ReadOnlySpan<byte> Data { get; }
}
