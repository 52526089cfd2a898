using System.Net;
using PxeKit.Protocol.Icmpv6;

namespace PxeKit.Protocol.Tests.Icmpv6;

/// <summary>The doctor's router solicitation, and the prefix it reads back from an advertisement.</summary>
public sealed class RouterSolicitationWriterTests
{
    private static readonly byte[] Mac = [0x52, 0x54, 0x00, 0x12, 0x34, 0x56];

    [Fact]
    public void A_solicitation_is_type_133_with_the_checksum_left_to_the_kernel_and_the_source_link_layer_address()
    {
        var buffer = new byte[RouterSolicitationWriter.MaxLength];

        var length = RouterSolicitationWriter.Write(buffer, Mac);

        byte[] expected =
        [
            133, 0, // type: router solicitation, code 0
            0, 0, // checksum: filled in by the kernel on a raw ICMPv6 socket
            0, 0, 0, 0, // reserved
            1, 1, .. Mac, // option 1 (source link-layer address), length 1 (8 bytes), the MAC
        ];
        Assert.Equal(expected, buffer[..length]);
        Assert.True(RouterSolicitationView.TryRead(buffer.AsSpan(0, length), out var read));
        Assert.Equal(Mac, read.SourceLinkLayerAddress.ToArray());
        Assert.Throws<ArgumentException>(() => RouterSolicitationWriter.Write(buffer, Mac.AsSpan(0, 5)));
    }

    [Fact]
    public void The_prefix_of_a_managed_advertisement_is_read_back_and_an_advertisement_without_one_has_none()
    {
        var buffer = new byte[RouterAdvertisementWriter.MaxLength];
        var prefix = new Ipv6Prefix(IPAddress.Parse("fd00:49::"), 64);
        var length = RouterAdvertisementWriter.Write(buffer, RouterAdvertisementFlags.Managed | RouterAdvertisementFlags.OtherConfiguration, TimeSpan.Zero, Mac, prefix, TimeSpan.FromHours(1));

        Assert.True(RouterAdvertisementView.TryRead(buffer.AsSpan(0, length), out var managed));
        Assert.Equal([prefix], managed.ReadPrefixes(8));

        var quiet = RouterAdvertisementWriter.Write(buffer, RouterAdvertisementFlags.None, TimeSpan.Zero, Mac);
        Assert.True(RouterAdvertisementView.TryRead(buffer.AsSpan(0, quiet), out var none));
        Assert.Empty(none.ReadPrefixes(8));
    }

    [Fact]
    public void A_prefix_option_too_short_or_longer_than_128_bits_is_no_prefix()
    {
        var buffer = new byte[RouterAdvertisementWriter.MaxLength];
        var length = RouterAdvertisementWriter.Write(buffer, RouterAdvertisementFlags.Managed, TimeSpan.Zero, Mac, new Ipv6Prefix(IPAddress.Parse("fd00:49::"), 64), TimeSpan.FromHours(1));
        var prefixAt = length - 32;
        Assert.Equal((byte)NdpOptionType.PrefixInformation, buffer[prefixAt]);

        buffer[prefixAt + 2] = 129; // prefix length
        Assert.True(RouterAdvertisementView.TryRead(buffer.AsSpan(0, length), out var view));
        Assert.Empty(view.ReadPrefixes(8));
    }
}
