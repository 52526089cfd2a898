using System.Buffers;
using PxeKit.Server.Tftp;

namespace PxeKit.Server.Tests.Tftp;

public sealed class BlockAheadTests
{
    [Fact]
    public void The_block_read_ahead_is_taken_once_and_the_buffer_it_replaces_is_kept_for_the_next()
    {
        using var ahead = new BlockAhead();
        var packet = ArrayPool<byte>.Shared.Rent(600);
        var given = packet;
        var buffer = ahead.Buffer(516);
        buffer[4] = 42;
        ahead.Filled(7, 516);

        Assert.Null(ahead.Take(6, ref packet));
        Assert.Equal(516, ahead.Take(7, ref packet));
        Assert.Same(buffer, packet);
        Assert.False(ahead.Holds(7));
        Assert.Null(ahead.Take(7, ref packet));

        var next = ahead.Buffer(516);
        Assert.Same(given, next); // the packet given in exchange
        ArrayPool<byte>.Shared.Return(packet);
    }

    [Fact]
    public void A_new_read_ahead_forgets_the_block_held_before_and_a_short_file_is_kept_as_minus_one()
    {
        using var ahead = new BlockAhead();
        var packet = ArrayPool<byte>.Shared.Rent(516);
        ahead.Buffer(516);
        ahead.Filled(3, 516);

        ahead.Buffer(516);
        Assert.False(ahead.Holds(3));
        ahead.Filled(4, -1);
        Assert.Equal(-1, ahead.Take(4, ref packet));
        ArrayPool<byte>.Shared.Return(packet);
    }

    [Fact]
    public void A_larger_block_gets_a_larger_buffer()
    {
        using var ahead = new BlockAhead();
        ahead.Buffer(516);
        Assert.True(ahead.Buffer(65468).Length >= 65468);
    }
}
