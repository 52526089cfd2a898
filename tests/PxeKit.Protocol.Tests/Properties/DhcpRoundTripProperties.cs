using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Protocol.Tests.Properties;

/// <summary>Any message PxeKit can build encodes and decodes back to itself, byte for byte on a second pass.</summary>
public class DhcpRoundTripProperties
{
    // Large enough for 12 options of 800 bytes, split into 255-byte instances.
    private const int BufferLength = 16 * 1024;

    [Property(Arbitrary = [typeof(DhcpGenerators)], MaxTest = 500)]
    public void Any_message_encodes_and_decodes_back_to_itself(DhcpMessage message)
    {
        var buffer = new byte[BufferLength];
        int length = message.WriteTo(buffer);

        Assert.True(length >= DhcpConstants.MinimumReplyLength);
        Assert.Equal(DhcpParseError.None, DhcpMessage.TryParse(buffer.AsSpan(0, length), out var decoded));
        Assert.Null(DhcpMessageAssert.Difference(message, decoded!));

        var again = new byte[BufferLength];
        int againLength = decoded!.WriteTo(again);
        Assert.True(buffer.AsSpan(0, length).SequenceEqual(again.AsSpan(0, againLength)), "a second encoding differs");
    }

    [Property(Arbitrary = [typeof(DhcpGenerators)], MaxTest = 300)]
    public void Option_82_is_the_last_option_on_the_wire(DhcpMessage message)
    {
        var buffer = new byte[BufferLength];
        int length = message.WriteTo(buffer);
        Assert.Equal(DhcpParseError.None, DhcpMessageView.TryParse(buffer.AsSpan(0, length), out var view));

        byte last = 0;
        foreach (var option in view.Options)
        {
            last = option.Code;
        }

        if (message.GetOption(DhcpOptionCode.RelayAgentInformation) is not null)
        {
            Assert.Equal((byte)DhcpOptionCode.RelayAgentInformation, last);
        }
    }

    [Property(MaxTest = 300)]
    public Property Options_carried_in_overloaded_file_and_sname_fields_are_read_in_RFC_3396_order() =>
        Prop.ForAll(Arb.From(OverloadedPacket.Generator), packet =>
        {
            Assert.Equal(DhcpParseError.None, DhcpMessage.TryParse(packet.Bytes, out var decoded));
            Assert.Equal("", decoded!.ServerName);
            Assert.Equal("", decoded.BootFile);
            Assert.Null(decoded.GetOption(DhcpOptionCode.OptionOverload));
            Assert.Equal(
                packet.ExpectedOptions.Select(o => $"{(byte)o.Code}:{Convert.ToHexString(o.Value)}"),
                decoded.Options.Select(o => $"{(byte)o.Code}:{Convert.ToHexString(o.Data)}"));

            // Encoding never overloads, so the same message comes back from the options field alone.
            var buffer = new byte[BufferLength];
            int length = decoded.WriteTo(buffer);
            Assert.Equal(DhcpParseError.None, DhcpMessage.TryParse(buffer.AsSpan(0, length), out var again));
            Assert.Null(DhcpMessageAssert.Difference(decoded, again!));
        });
}
