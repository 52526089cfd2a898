using PxeKit.Protocol.Dhcp6;

namespace PxeKit.Protocol.Tests.Dhcp6;

public class Dhcp6RelayChainTests
{
    private static readonly byte[] Solicit = [1, 0x12, 0x34, 0x56, 0, 8, 0, 2, 0, 0];

    private static byte[] Forward(byte[] message, byte hops = 0) =>
        [(byte)Dhcp6MessageType.RelayForward, hops, .. new byte[32], 0, 9, (byte)(message.Length >> 8), (byte)message.Length, .. message];

    [Fact]
    public void A_client_message_is_its_own_innermost_message()
    {
        Span<Range> hops = stackalloc Range[Dhcp6RelayChain.MaxHops];

        Assert.Equal(Dhcp6RelayError.None, Dhcp6RelayChain.TryUnwrap(Solicit, hops, out int depth, out var message));
        Assert.Equal((0, Solicit.Length), (depth, message.GetOffsetAndLength(Solicit.Length).Length));
    }

    [Fact]
    public void Two_relays_give_two_hops_outermost_first_and_the_client_message_inside()
    {
        var datagram = Forward(Forward(Solicit), hops: 1);
        Span<Range> hops = stackalloc Range[Dhcp6RelayChain.MaxHops];

        Assert.Equal(Dhcp6RelayError.None, Dhcp6RelayChain.TryUnwrap(datagram, hops, out int depth, out var message));
        Assert.Equal(2, depth);
        Assert.Equal(datagram.Length, hops[0].GetOffsetAndLength(datagram.Length).Length);
        Assert.Equal(1, datagram[hops[0]][1]);
        Assert.Equal(0, datagram[hops[1]][1]);
        Assert.Equal(Solicit, datagram[message]);
    }

    [Fact]
    public void Past_the_hop_limit_or_without_a_message_the_walk_fails()
    {
        var deep = Solicit;
        for (int i = 0; i <= Dhcp6RelayChain.MaxHops; i++)
        {
            deep = Forward(deep, (byte)i);
        }

        Span<Range> hops = stackalloc Range[Dhcp6RelayChain.MaxHops];
        Assert.Equal(Dhcp6RelayError.TooManyHops, Dhcp6RelayChain.TryUnwrap(deep, hops, out _, out _));
        Assert.Equal(Dhcp6RelayError.NoMessage, Dhcp6RelayChain.TryUnwrap(Forward(Solicit)[..34], hops, out _, out _));
    }

    [Fact]
    public void Random_bytes_never_throw_and_stay_inside_the_input()
    {
        var random = new Random(16);
        Span<Range> hops = stackalloc Range[Dhcp6RelayChain.MaxHops];
        for (int run = 0; run < 20_000; run++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            if (bytes.Length > 0 && run % 2 == 0)
            {
                bytes[0] = (byte)Dhcp6MessageType.RelayForward;
            }

            var error = Dhcp6RelayChain.TryUnwrap(bytes, hops, out int depth, out var message);
            Assert.True(Enum.IsDefined(error));
            Assert.InRange(depth, 0, Dhcp6RelayChain.MaxHops);
            _ = bytes.AsSpan()[message];
        }
    }
}
