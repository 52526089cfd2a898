using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PxeKit.Protocol.Dhcp6;
using PxeKit.Protocol.Tests.Captures;
using PxeKit.Protocol.Tests.Dhcp6;

namespace PxeKit.Protocol.Tests.Properties;

/// <summary>
/// Any byte string parses or yields a reason, never an exception, and every accessor of what parsed reads
/// without throwing; every prefix of a valid message is refused, or (when the cut falls between two of the
/// message's options) is that message with fewer options.
/// </summary>
public class Dhcp6RobustnessProperties
{
    /// <summary>Bytes of any kind, and option-shaped bytes behind a valid header, where the option rules are reached.</summary>
    private static readonly Gen<byte[]> AnyDatagram = Gen.Frequency(
        (1, Gen.Choose(0, 300).SelectMany(n => DhcpGenerators.Bytes(n))),
        (3, Gen.Choose(0, 300).SelectMany(n => DhcpGenerators.Bytes(n)).Select(WithValidHeader)),
        (3, Gen.Choose(1, 12).SelectMany(n => Gen.ArrayOf(Option, n)).Select(options => WithValidHeader([.. options.SelectMany(o => o)]))));

    /// <summary>An option with a code PxeKit reads and a short value of any bytes, its length usually right.</summary>
    private static readonly Gen<byte[]> Option =
        from code in Gen.Elements(Enum.GetValues<Dhcp6OptionCode>())
        from length in Gen.Choose(0, 40)
        from value in DhcpGenerators.Bytes(length)
        from lie in Gen.Frequency((9, Gen.Constant(0)), (1, Gen.Choose(-3, 3)))
        select (byte[])[(byte)((ushort)code >> 8), (byte)code, 0, (byte)Math.Max(0, length + lie), .. value];

    [Property(MaxTest = 5000)]
    public Property Any_byte_string_parses_or_yields_a_reason() =>
        Prop.ForAll(Arb.From(AnyDatagram), bytes =>
        {
            var error = Dhcp6MessageView.TryParse(bytes, out var view);
            Assert.True(Enum.IsDefined(error), $"undefined reason {error}");
            if (error == Dhcp6ParseError.None)
            {
                Exercise(view);
            }
        });

    public static TheoryData<int> CapturedPackets()
    {
        var data = new TheoryData<int>();
        int count = PcapReader.ReadUdp(Golden.DataPath("ovmf-ipxe-dhcp6.pcap")).Count;
        for (int i = 0; i < count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CapturedPackets))]
    public void Every_prefix_of_a_captured_message_is_refused_or_a_leading_part_of_it(int index)
    {
        AssertPrefixes(PcapReader.ReadUdp(Golden.DataPath("ovmf-ipxe-dhcp6.pcap"))[index].Payload);
    }

    [Fact]
    public void Every_prefix_of_a_relay_forward_is_refused_or_a_leading_part_of_it()
    {
        AssertPrefixes(Dhcp6TestPackets.RelayForward());
        AssertPrefixes(Dhcp6TestPackets.Solicit());
    }

    private static void AssertPrefixes(byte[] message)
    {
        Assert.Equal(Dhcp6ParseError.None, Dhcp6MessageView.TryParse(message, out var whole));
        int header = whole.IsRelay ? Dhcp6Constants.RelayHeaderLength : Dhcp6Constants.HeaderLength;
        var boundaries = new HashSet<int> { header };
        int at = header;
        foreach (var option in whole.Options)
        {
            at += Dhcp6Constants.OptionHeaderLength + option.Data.Length;
            boundaries.Add(at);
        }

        for (int cut = 0; cut < message.Length; cut++)
        {
            var error = Dhcp6MessageView.TryParse(message.AsSpan(0, cut), out var part);
            if (cut < header)
            {
                Assert.Equal(Dhcp6ParseError.Truncated, error);
            }
            else if (boundaries.Contains(cut))
            {
                Assert.Equal(Dhcp6ParseError.None, error);
                Assert.Equal(whole.MessageType, part.MessageType);
                Assert.Equal(whole.TransactionId, part.TransactionId);
            }
            else
            {
                Assert.Equal(Dhcp6ParseError.BadOptionLength, error);
            }
        }
    }

    // Everything a handler or the formatter reads from a request must not throw either.
    private static void Exercise(Dhcp6MessageView view)
    {
        _ = Dhcp6MessageFormatter.Format(view);
        _ = (view.TransactionId, view.HopCount, view.LinkAddress.Length, view.PeerAddress.Length);
        _ = (view.ClientId.Length, view.ServerId.Length, view.Architecture, view.IsIpxe, view.RapidCommit, view.ElapsedTime);
        _ = view.TryGetNetworkInterfaceId(out _, out _, out _);
        _ = view.TryGetStatus(out _, out _);
        _ = view.TryGetRelayedMessage(out _);
        for (int i = 0; i < view.RequestedOptions.Count; i++)
        {
            _ = view.RequestedOptions[i];
        }

        foreach (var item in view.UserClasses)
        {
            _ = item.Length;
        }

        if (view.TryGetVendorClass(out _, out var vendor))
        {
            foreach (var item in vendor)
            {
                _ = item.Length;
            }
        }

        foreach (var ia in view.IaNas)
        {
            _ = (ia.Iaid, ia.T1, ia.T2, ia.TryGetStatus(out _, out _));
            if (ia.TryGetAddress(out var address))
            {
                _ = (address.Address, address.PreferredLifetime, address.ValidLifetime);
            }
        }
    }

    private static byte[] WithValidHeader(byte[] options) => [(byte)Dhcp6MessageType.Request, 1, 2, 3, .. options];
}
