using PxeKit.Protocol.Tftp;

namespace PxeKit.Protocol.Tests.Properties;

/// <summary>A generated read or write request, written with <see cref="TftpPacketWriter"/>.</summary>
public sealed record TftpRequest(TftpOpcode Opcode, string Name, TftpMode Mode, KeyValuePair<string, string>[] Options)
{
    public byte[] Write()
    {
        var buffer = new byte[4096];
        int length = TftpPacketWriter.WriteRequest(buffer, Opcode, Name, Mode, Options);
        return buffer[..length];
    }

    public override string ToString() =>
        $"{Opcode} '{Name}' {Mode} [{string.Join(", ", Options.Select(o => $"{o.Key}={o.Value}"))}]";
}
