using FsCheck;
using FsCheck.Fluent;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Protocol.Tests.Properties;

/// <summary>
/// A datagram whose option 52 moves some options into the <c>file</c> and <c>sname</c> fields
/// (RFC 2132 section 9.3), with the options a decoder must find, in order: the options field,
/// then <c>file</c>, then <c>sname</c> (RFC 3396 section 7).
/// </summary>
public sealed record OverloadedPacket(byte[] Bytes, IReadOnlyList<(DhcpOptionCode Code, byte[] Value)> ExpectedOptions)
{
    public static Gen<OverloadedPacket> Generator { get; } =
        from header in DhcpGenerators.Message
        from overload in Gen.Choose(1, 3)
        from options in DhcpGenerators.Options(16, Gen.Choose(0, 20).SelectMany(n => DhcpGenerators.Bytes(n)))
        from areas in Gen.ArrayOf(Gen.Choose(0, 2), options.Count)
        select Build(header, (DhcpOptionArea)overload, options, areas);

    public override string ToString() => Convert.ToHexString(Bytes);

    private static OverloadedPacket Build(
        DhcpMessage header, DhcpOptionArea overload, List<(DhcpOptionCode Code, byte[] Value)> options, int[] areas)
    {
        var main = new List<(DhcpOptionCode, byte[])>();
        var file = new List<(DhcpOptionCode, byte[])>();
        var sname = new List<(DhcpOptionCode, byte[])>();
        int fileRoom = DhcpConstants.BootFileLength - 1;      // one byte for End
        int snameRoom = DhcpConstants.ServerNameLength - 1;
        for (int i = 0; i < options.Count; i++)
        {
            var (code, value) = options[i];
            int size = 2 + value.Length;
            if (areas[i] == 1 && overload.HasFlag(DhcpOptionArea.File) && size <= fileRoom)
            {
                file.Add((code, value));
                fileRoom -= size;
            }
            else if (areas[i] == 2 && overload.HasFlag(DhcpOptionArea.ServerName) && size <= snameRoom)
            {
                sname.Add((code, value));
                snameRoom -= size;
            }
            else
            {
                main.Add((code, value));
            }
        }

        foreach (var existing in header.Options.ToList())
        {
            header.RemoveOption(existing.Code);
        }

        header.ServerName = "";
        header.BootFile = "";
        foreach (var (code, value) in main)
        {
            header.SetOption(code, value);
        }

        header.SetOption(DhcpOptionCode.OptionOverload, [(byte)overload]);
        var bytes = new byte[4096];
        int length = header.WriteTo(bytes);
        if (overload.HasFlag(DhcpOptionArea.File))
        {
            WriteArea(bytes.AsSpan(DhcpConstants.BootFileOffset, DhcpConstants.BootFileLength), file);
        }

        if (overload.HasFlag(DhcpOptionArea.ServerName))
        {
            WriteArea(bytes.AsSpan(DhcpConstants.ServerNameOffset, DhcpConstants.ServerNameLength), sname);
        }
        return new OverloadedPacket(bytes[..length], [.. main, .. file, .. sname]);
    }

    private static void WriteArea(Span<byte> area, List<(DhcpOptionCode Code, byte[] Value)> options)
    {
        var writer = new DhcpOptionWriter(area, 0);
        foreach (var (code, value) in options)
        {
            writer.Write(code, value);
        }

        writer.WriteEnd(0);
    }
}
