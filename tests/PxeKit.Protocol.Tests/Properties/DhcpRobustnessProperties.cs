using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PxeKit.Protocol.Dhcp;
using PxeKit.Protocol.Tests.Captures;

namespace PxeKit.Protocol.Tests.Properties;

/// <summary>
/// Any byte string parses or yields a reason, never an exception; every prefix of a valid packet is
/// refused with a reason, or (when the cut falls on an option boundary, since a missing End is
/// accepted on purpose) decodes to the same header and a leading part of the same options.
/// </summary>
public class DhcpRobustnessProperties
{
    /// <summary>Bytes of any kind, and bytes behind a valid header and cookie, where the option walker is reached.</summary>
    private static readonly Gen<byte[]> AnyDatagram = Gen.Frequency(
        (1, Gen.Choose(0, 700).SelectMany(n => DhcpGenerators.Bytes(n))),
        (3, Gen.Choose(0, 460).SelectMany(n => DhcpGenerators.Bytes(n)).Select(WithValidHeader)));

    [Property(MaxTest = 3000)]
    public Property Any_byte_string_parses_or_yields_a_reason() =>
        Prop.ForAll(Arb.From(AnyDatagram), bytes =>
        {
            var error = DhcpMessage.TryParse(bytes, out var message);
            Assert.True(Enum.IsDefined(error), $"undefined reason {error}");
            Assert.Equal(error == DhcpParseError.None, message is not null);
            if (message is not null)
            {
                Exercise(message);
            }
        });

    [Property(Arbitrary = [typeof(DhcpGenerators)], MaxTest = 150)]
    public void Every_prefix_of_a_generated_packet_is_refused_or_a_leading_part_of_it(DhcpMessage message)
    {
        var buffer = new byte[16 * 1024];
        int length = message.WriteTo(buffer);
        AssertPrefixes(buffer[..length]);
    }

    public static TheoryData<string, int> CapturedPackets()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in new[] { "qemu-bios-ipxe-dhcp", "udhcpc-dhcp", "dhclient-dhcp" })
        {
            int count = PcapReader.ReadUdp(Golden.DataPath(name + ".pcap")).Count;
            for (int i = 0; i < count; i++)
            {
                data.Add(name, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CapturedPackets))]
    public void Every_prefix_of_a_captured_packet_is_refused_or_a_leading_part_of_it(string capture, int index)
    {
        AssertPrefixes(PcapReader.ReadUdp(Golden.DataPath(capture + ".pcap"))[index].Payload);
    }

    private static void AssertPrefixes(byte[] packet)
    {
        Assert.Equal(DhcpParseError.None, DhcpMessage.TryParse(packet, out var whole));
        for (int cut = 0; cut < packet.Length; cut++)
        {
            var error = DhcpMessage.TryParse(packet.AsSpan(0, cut), out var part);
            if (cut < DhcpConstants.OptionsOffset)
            {
                Assert.Equal(DhcpParseError.Truncated, error);
                continue;
            }

            Assert.True(error is DhcpParseError.None or DhcpParseError.BadOptionLength, $"cut {cut}: {error}");
            if (error == DhcpParseError.None)
            {
                Assert.True(IsLeadingPart(part!, whole!), $"cut {cut} decoded to options that the whole packet does not start with");
            }
        }
    }

    // The header matches, every option but the last is the same, and the last is the same or the first
    // instances of an option split across several (RFC 3396), cut between two of them.
    private static bool IsLeadingPart(DhcpMessage part, DhcpMessage whole)
    {
        if (DhcpMessageAssert.Difference(WithoutOptions(whole), WithoutOptions(part)) is not null || part.Options.Count > whole.Options.Count)
        {
            return false;
        }

        for (int i = 0; i < part.Options.Count; i++)
        {
            var (p, w) = (part.Options[i], whole.Options[i]);
            bool last = i == part.Options.Count - 1;
            if (p.Code != w.Code || !(last ? w.Data.AsSpan().StartsWith(p.Data) : w.Data.AsSpan().SequenceEqual(p.Data)))
            {
                return false;
            }
        }

        return true;
    }

    private static DhcpMessage WithoutOptions(DhcpMessage message)
    {
        var copy = new byte[16 * 1024];
        int length = message.WriteTo(copy);
        DhcpMessage.TryParse(copy.AsSpan(0, length), out var clone);
        foreach (var option in clone!.Options.ToList())
        {
            clone.RemoveOption(option.Code);
        }

        return clone;
    }

    // Everything a handler or the formatter reads from a request must not throw either.
    private static void Exercise(DhcpMessage message)
    {
        _ = DhcpMessageFormatter.Format(message);
        _ = message.MessageType;
        _ = message.ClientMac;
        _ = message.RequestedAddress;
        _ = message.ServerIdentifier;
        _ = message.ClientArchitectures;
        Assert.Equal(message.UserClasses.Contains("iPXE"), UserClass.Contains(message.GetOption(DhcpOptionCode.UserClass), "iPXE"u8));
        Assert.Equal(message.ClientArchitectures is [var first, ..] ? first : null, message.Architecture);
        _ = message.IsIpxe;
        _ = message.IsPxeClient;
        _ = message.HostName;
        if (message.GetOption(DhcpOptionCode.VendorSpecific) is { } vendor)
        {
            _ = PxeVendorOptions.TryParse(vendor, out _);
        }
    }

    private static byte[] WithValidHeader(byte[] options)
    {
        var bytes = new byte[DhcpConstants.OptionsOffset + options.Length];
        bytes[DhcpConstants.OpOffset] = (byte)DhcpOpCode.BootRequest;
        bytes[DhcpConstants.HardwareTypeOffset] = DhcpConstants.EthernetHardwareType;
        bytes[DhcpConstants.HardwareLengthOffset] = DhcpConstants.EthernetAddressLength;
        Ipv4.Write(bytes.AsSpan(DhcpConstants.MagicCookieOffset), DhcpConstants.MagicCookie);
        options.CopyTo(bytes, DhcpConstants.OptionsOffset);
        return bytes;
    }
}
