using PxeKit.Protocol.Dhcp6;

namespace PxeKit.Protocol.Tests.Dhcp6;

public class Dhcp6DuidTests
{
    private static readonly byte[] Mac = [0x52, 0x54, 0x00, 0x12, 0x34, 0x56];

    [Fact]
    public void Duid_ll_is_type_3_hardware_1_and_the_mac()
    {
        Assert.Equal("00:03:00:01:52:54:00:12:34:56", Dhcp6Duid.Format(Dhcp6Duid.LinkLayer(Mac)));
    }

    [Fact]
    public void Duid_llt_counts_seconds_from_2000()
    {
        var duid = Dhcp6Duid.LinkLayerTime(Mac, Dhcp6Duid.Epoch.AddSeconds(0x01020304));
        Assert.Equal("00:01:00:01:01:02:03:04:52:54:00:12:34:56", Dhcp6Duid.Format(duid));
    }

    [Fact]
    public void The_mac_reads_back_from_ll_and_llt_but_not_from_uuid()
    {
        Assert.True(Dhcp6Duid.TryGetMac(Dhcp6Duid.LinkLayer(Mac), out var fromLl));
        Assert.Equal(Mac, fromLl.ToArray());
        Assert.True(Dhcp6Duid.TryGetMac(Dhcp6Duid.LinkLayerTime(Mac, DateTimeOffset.UnixEpoch), out var fromLlt));
        Assert.Equal(Mac, fromLlt.ToArray());
        byte[] uuid = [0, 4, .. new byte[16]];
        Assert.False(Dhcp6Duid.TryGetMac(uuid, out _));
        Assert.Equal(Dhcp6Duid.UuidType, Dhcp6Duid.TypeOf(uuid));
    }

    [Fact]
    public void A_mac_of_another_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Dhcp6Duid.LinkLayer([1, 2, 3]));
    }
}
