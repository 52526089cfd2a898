using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Protocol.Tests.Properties;

/// <summary>A reply written within a maximum size (option 57) fits it, overloading file and sname when it must, and reads back the same.</summary>
public class DhcpMaximumSizeProperties
{
    private static readonly Gen<(DhcpMessage Message, int Size)> MessageAndSize =
        from message in DhcpGenerators.Message
        from size in Gen.Frequency((3, Gen.Choose(DhcpConstants.OptionsOffset + 1, 700)), (1, Gen.Choose(700, DhcpConstants.MaximumMessageLength)))
        select (message, size);

    [Property(MaxTest = 1000)]
    public Property Any_message_written_with_a_maximum_size_is_no_larger_and_parses_back_equal() =>
        Prop.ForAll(Arb.From(MessageAndSize), pair =>
        {
            var (message, size) = pair;
            message.MaximumLength = size;
            var buffer = new byte[DhcpConstants.MaximumMessageLength];
            if (!message.TryWriteTo(buffer, out int length))
            {
                // Refused only when the options field alone could not hold it.
                message.MaximumLength = int.MaxValue;
                Assert.True(message.WriteTo(new byte[16 * 1024]) > size, "refused a message that fits without overloading");
                return;
            }

            Assert.InRange(length, 0, size);
            Assert.Equal(DhcpParseError.None, DhcpMessage.TryParse(buffer.AsSpan(0, length), out var decoded));

            // Option 82 stays in the options field, so the options carried in file and sname come after it: compare it apart.
            Assert.Equal(message.GetOption(DhcpOptionCode.RelayAgentInformation), decoded!.GetOption(DhcpOptionCode.RelayAgentInformation));
            var expected = Copy(message);
            expected.RemoveOption(DhcpOptionCode.RelayAgentInformation);
            decoded.RemoveOption(DhcpOptionCode.RelayAgentInformation);
            Assert.Null(DhcpMessageAssert.Difference(expected, decoded));
        });

    private static DhcpMessage Copy(DhcpMessage message)
    {
        var buffer = new byte[16 * 1024];
        var unlimited = message.MaximumLength;
        message.MaximumLength = int.MaxValue;
        int length = message.WriteTo(buffer);
        message.MaximumLength = unlimited;
        DhcpMessage.TryParse(buffer.AsSpan(0, length), out var copy);
        return copy!;
    }
}
