using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Protocol.Tests.Properties;

/// <summary>
/// TFTP: any byte string parses or yields a reason; a request written by <see cref="TftpPacketWriter"/>
/// reads back the same; every prefix is refused with a reason or reads as a leading part of the packet.
/// </summary>
public class TftpProperties
{
    private static readonly Gen<string> Text = Gen.Choose(1, 24)
        .SelectMany(n => Gen.ArrayOf(Gen.Choose(1, 127).Select(c => (char)c), n))
        .Select(chars => new string(chars));

    private static readonly Gen<TftpRequest> Request =
        from opcode in Gen.Elements(TftpOpcode.ReadRequest, TftpOpcode.WriteRequest)
        from name in Text
        from mode in Gen.Elements(TftpMode.Octet, TftpMode.NetAscii)
        from options in Gen.ListOf(Gen.Zip(Text, Gen.Frequency((3, Text), (1, Gen.Choose(0, 70000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))))))
        select new TftpRequest(opcode, name, mode, [.. options.Take(8).Select(o => KeyValuePair.Create(o.Item1, o.Item2))]);

    /// <summary>Random bytes, and bytes behind a valid opcode with many NULs, where the string walkers are.</summary>
    private static readonly Gen<byte[]> AnyDatagram = Gen.Frequency(
        (1, Gen.Choose(0, 600).SelectMany(n => DhcpGenerators.Bytes(n))),
        (3, from opcode in Gen.Choose(0, 8)
            from body in Gen.ListOf(Gen.Frequency((1, Gen.Constant((byte)0)), (3, ArbMap.Default.GeneratorFor<byte>())))
            select (byte[])[0, (byte)opcode, .. body]));

    [Property(MaxTest = 5000)]
    public Property Any_byte_string_parses_or_yields_a_reason() =>
        Prop.ForAll(Arb.From(AnyDatagram), bytes =>
        {
            var error = TftpPacket.TryParse(bytes, out var packet);
            Assert.True(Enum.IsDefined(error), $"undefined reason {error}");
            if (error == TftpParseError.None)
            {
                foreach (var option in packet.Options)
                {
                    _ = option.TryGetNumber(out _);
                }

                _ = packet.GetRequestOptions();
            }
        });

    [Property(MaxTest = 1000)]
    public Property A_written_request_reads_back_the_same() =>
        Prop.ForAll(Arb.From(Request), request =>
        {
            var bytes = request.Write();
            Assert.Equal(TftpParseError.None, TftpPacket.TryParse(bytes, out var packet));
            Assert.Equal(request.Opcode, packet.Opcode);
            Assert.Equal(request.Name, System.Text.Encoding.ASCII.GetString(packet.FileName));
            Assert.Equal(request.Mode, packet.Mode);
            Assert.Equal(request.Options.Select(o => $"{o.Key}={o.Value}"), ReadOptions(packet));
        });

    [Property(MaxTest = 300)]
    public Property Every_prefix_of_a_request_is_refused_or_a_leading_part_of_it() =>
        Prop.ForAll(Arb.From(Request), request =>
        {
            var bytes = request.Write();
            var whole = request.Options.Select(o => $"{o.Key}={o.Value}").ToList();
            for (int cut = 0; cut < bytes.Length; cut++)
            {
                var error = TftpPacket.TryParse(bytes.AsSpan(0, cut), out var packet);
                if (cut < 2)
                {
                    Assert.Equal(TftpParseError.Truncated, error);
                }
                else if (error == TftpParseError.None)
                {
                    // Only a cut right after a complete name/value pair can parse: fewer options, same start.
                    Assert.Equal(request.Name, System.Text.Encoding.ASCII.GetString(packet.FileName));
                    var read = ReadOptions(packet);
                    Assert.True(read.Count < whole.Count && whole.Take(read.Count).SequenceEqual(read), $"cut {cut}");
                }
                else
                {
                    Assert.True(error is TftpParseError.MissingTerminator or TftpParseError.BadOption, $"cut {cut}: {error}");
                }
            }
        });

    [Property(MaxTest = 300)]
    public Property Fixed_headers_cut_short_are_truncated(ushort block, byte opcode) =>
        Prop.ForAll(Arb.From(Gen.Elements(TftpOpcode.Data, TftpOpcode.Ack, TftpOpcode.Error)), op =>
        {
            byte[] packet = [0, (byte)op, (byte)(block >> 8), (byte)block, opcode, 0];
            for (int cut = 0; cut < 4; cut++)
            {
                Assert.Equal(TftpParseError.Truncated, TftpPacket.TryParse(packet.AsSpan(0, cut), out _));
            }
        });

    private static List<string> ReadOptions(TftpPacket packet)
    {
        var list = new List<string>();
        foreach (var option in packet.Options)
        {
            list.Add($"{System.Text.Encoding.ASCII.GetString(option.Name)}={System.Text.Encoding.ASCII.GetString(option.Value)}");
        }

        return list;
    }
}
