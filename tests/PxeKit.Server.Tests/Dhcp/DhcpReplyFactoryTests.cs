using System.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;
using PxeKit.Server.Dhcp;

namespace PxeKit.Server.Tests.Dhcp;

public class DhcpReplyFactoryTests
{
    private static readonly IPAddress Server = IPAddress.Parse("10.47.0.1");

    [Fact]
    public void A_reply_is_no_larger_than_the_clients_option_57_allows()
    {
        var request = DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:00:01");
        Assert.Equal(548, DhcpReplyFactory.Create(request, DhcpMessageType.Offer, Server).MaximumLength);

        request.SetOption(DhcpOptionCode.MaximumMessageSize, [0x05, 0xc0]); // 1472
        Assert.Equal(1472 - 28, DhcpReplyFactory.Create(request, DhcpMessageType.Offer, Server).MaximumLength);
    }

    [Fact]
    public void A_boot_file_name_that_fits_goes_in_file_where_pxe_firmware_reads_it()
    {
        var request = DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:00:01", pxe: true);
        var reply = DhcpReplyFactory.Create(request, DhcpMessageType.Offer, Server);

        DhcpReplyFactory.AddBoot(request, reply, new BootAnswer("pxelinux.0"), Server);

        Assert.Equal("pxelinux.0", reply.BootFile);
        Assert.Null(reply.GetOption(DhcpOptionCode.BootFileName)); // not asked for
    }

    [Fact]
    public void A_boot_file_name_too_long_for_file_goes_in_option_67_alone_and_file_stays_free()
    {
        var url = "http://10.47.0.1:8080/" + new string('a', 140) + ".efi";
        var request = DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:00:01");
        foreach (var proxy in new[] { false, true })
        {
            var reply = DhcpReplyFactory.Create(request, DhcpMessageType.Offer, Server);
            if (proxy)
            {
                DhcpReplyFactory.AddProxyBoot(request, reply, new BootAnswer(url), Server, skipDiscovery: true);
            }
            else
            {
                DhcpReplyFactory.AddBoot(request, reply, new BootAnswer(url), Server);
            }

            Assert.Equal("", reply.BootFile);
            Assert.Equal(url, reply.GetString(DhcpOptionCode.BootFileName));
            var buffer = new byte[DhcpConstants.MaximumMessageLength];
            Assert.True(reply.TryWriteTo(buffer, out int length));
            Assert.True(length <= 548);
        }
    }
}
