using System.Net;
using PxeKit.Protocol.Icmpv6;

namespace PxeKit.Protocol.Tests.Icmpv6;

/// <summary>Router solicitations read and advertisements written as RFC 4861 section 4 lays them out; bad input refused, never thrown.</summary>
public sealed class RouterDiscoveryTests
{
    private static readonly byte[] Mac = [0x52, 0x54, 0x00, 0x12, 0x34, 0x56];

    /// <summary>A solicitation as a host with an address sends it: type 133, code 0, checksum, reserved, its link-layer address.</summary>
    private static readonly byte[] Solicitation = [133, 0, 0xab, 0xcd, 0, 0, 0, 0, 1, 1, .. Mac];

    [Fact]
    public void A_solicitation_gives_the_senders_link_layer_address()
    {
        Assert.True(RouterSolicitationView.TryRead(Solicitation, out var view));
        Assert.Equal(Mac, view.SourceLinkLayerAddress.ToArray());
    }

    [Fact]
    public void A_solicitation_without_options_is_read_with_no_address()
    {
        Assert.True(RouterSolicitationView.TryRead(Solicitation.AsSpan(0, 8), out var view));
        Assert.True(view.SourceLinkLayerAddress.IsEmpty);
    }

    [Theory]
    [InlineData(new byte[] { 134, 0, 0, 0, 0, 0, 0, 0 })] // An advertisement.
    [InlineData(new byte[] { 133, 1, 0, 0, 0, 0, 0, 0 })] // Code 1.
    [InlineData(new byte[] { 133, 0, 0, 0, 0, 0, 0 })] // Seven bytes.
    [InlineData(new byte[] { 133, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 })] // An option of length zero.
    [InlineData(new byte[] { 133, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0 })] // An option longer than the message.
    public void A_message_that_is_no_well_formed_solicitation_is_refused(byte[] message)
    {
        Assert.False(RouterSolicitationView.TryRead(message, out _));
    }

    [Fact]
    public void Every_truncation_and_every_flipped_byte_of_a_solicitation_is_read_or_refused_without_throwing()
    {
        for (int length = 0; length <= Solicitation.Length; length++)
        {
            _ = RouterSolicitationView.TryRead(Solicitation.AsSpan(0, length), out _);
        }

        for (int at = 0; at < Solicitation.Length; at++)
        {
            var damaged = Solicitation.ToArray();
            damaged[at] ^= 0xff;
            _ = RouterSolicitationView.TryRead(damaged, out _);
            _ = RouterAdvertisementView.TryRead(damaged, out _);
        }
    }

    [Fact]
    public void The_quiet_advertisement_configures_nothing_and_names_no_default_router()
    {
        var buffer = new byte[RouterAdvertisementWriter.MaxLength];

        var length = RouterAdvertisementWriter.Write(buffer, RouterAdvertisementFlags.None, TimeSpan.Zero, Mac);

        Assert.Equal(24, length);
        Assert.Equal([134, 0, 0, 0, 64, 0, 0, 0], buffer[..8]);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0], buffer[8..16]); // Reachable time and retransmission timer: unspecified.
        Assert.Equal([1, 1, .. Mac], buffer[16..24]);
        Assert.True(RouterAdvertisementView.TryRead(buffer.AsSpan(0, length), out var view));
        Assert.Equal((RouterAdvertisementFlags.None, TimeSpan.Zero), (view.Flags, view.RouterLifetime));
    }

    [Fact]
    public void A_managed_advertisement_carries_its_flag_lifetime_and_an_on_link_prefix_for_no_address_of_the_hosts_making()
    {
        var buffer = new byte[RouterAdvertisementWriter.MaxLength];

        var length = RouterAdvertisementWriter.Write(
            buffer, RouterAdvertisementFlags.Managed | RouterAdvertisementFlags.OtherConfiguration, TimeSpan.FromSeconds(1800), Mac,
            new Ipv6Prefix(IPAddress.Parse("fd00:47::"), 64), TimeSpan.FromHours(1));

        Assert.Equal(56, length);
        Assert.True(RouterAdvertisementView.TryRead(buffer.AsSpan(0, length), out var view));
        Assert.Equal((RouterAdvertisementFlags.Managed | RouterAdvertisementFlags.OtherConfiguration, TimeSpan.FromSeconds(1800)), (view.Flags, view.RouterLifetime));
        var prefix = buffer.AsSpan(24, 32);
        Assert.Equal([3, 4, 64, 0x80], prefix[..4].ToArray()); // On-link, not autonomous.
        Assert.Equal([0, 0, 0x0e, 0x10, 0, 0, 0x0e, 0x10], prefix[4..12].ToArray()); // Valid and preferred: 3600 s.
        Assert.Equal(IPAddress.Parse("fd00:47::"), new IPAddress(prefix[16..32]));
    }

    [Fact]
    public void A_short_buffer_or_a_link_layer_address_that_is_not_ethernet_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => RouterAdvertisementWriter.Write(new byte[10], RouterAdvertisementFlags.None, TimeSpan.Zero, Mac));
        Assert.Throws<ArgumentException>(() => RouterAdvertisementWriter.Write(new byte[RouterAdvertisementWriter.MaxLength], RouterAdvertisementFlags.None, TimeSpan.Zero, [1, 2, 3]));
    }
}
