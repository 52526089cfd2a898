using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Boot;
using PxeKit.Server.Dhcp;

namespace PxeKit.Server.Tests.Dhcp;

public class ProxyDhcpHandlerTests
{
    private static readonly IPAddress Server = IPAddress.Parse("10.47.0.1");
    private readonly RecordingJournal _journal = new();
    private readonly ManualClock _clock = new();

    private static ProfileBootPolicy Policy() => new(
        [new BootProfile { Name = "linux", Kernel = "vmlinuz", Initrds = ["initrd.gz"] }], new IpxeBinaries(), 80, new InMemoryBootOnceStore());

    private ProxyDhcpHandler Proxy() =>
        new(new Dictionary<string, IPAddress> { ["lab0"] = Server }, Policy(), _journal, NullLogger<ProxyDhcpHandler>.Instance, _clock);

    private BootServerHandler BootServer() =>
        new(new Dictionary<string, IPAddress> { ["lab0"] = Server }, Policy(), _journal, NullLogger<BootServerHandler>.Instance, _clock);

    private static DhcpRequestContext Context(DhcpMessage m, int port = 67) =>
        new(m, "lab0", new IPEndPoint(m.ClientAddress, 68), port);

    private static DhcpMessage Discover(string mac, ushort arch, bool ipxe = false, string vendor = "PXEClient:Arch:00000:UNDI:002001")
    {
        var m = DhcpFixture.Request(DhcpMessageType.Discover, mac);
        m.SetString(DhcpOptionCode.VendorClassIdentifier, vendor);
        m.SetOption(DhcpOptionCode.ClientSystemArchitecture, [(byte)(arch >> 8), (byte)arch]);
        m.SetOption(DhcpOptionCode.ClientMachineIdentifier, [0, .. Enumerable.Range(1, 16).Select(i => (byte)i)]);
        if (ipxe)
        {
            m.SetOption(DhcpOptionCode.UserClass, "iPXE"u8);
        }

        return m;
    }

    [Fact]
    public void A_plain_dhcp_client_gets_nothing_and_no_address_is_ever_offered()
    {
        Assert.Null(Proxy().Handle(Context(DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:00:01"))));
        Assert.Empty(_journal.Events);
    }

    [Fact]
    public void A_bios_pxe_rom_gets_a_proxy_offer_with_the_boot_file_and_no_address()
    {
        var offer = Proxy().Handle(Context(Discover("52:54:00:00:00:01", 0)))!;

        Assert.Equal(DhcpMessageType.Offer, offer.MessageType);
        Assert.Equal(IPAddress.Any, offer.YourAddress);
        Assert.Null(offer.GetOption(DhcpOptionCode.LeaseTime));
        Assert.Equal("undionly.kpxe", offer.BootFile);
        Assert.Equal(Server, offer.ServerAddress);
        Assert.Equal("PXEClient", offer.VendorClass);
        Assert.Equal(PxeVendorOptions.SkipDiscovery(), offer.GetOption(DhcpOptionCode.VendorSpecific));
        Assert.Equal(17, offer.GetOption(DhcpOptionCode.ClientMachineIdentifier)!.Length);
    }

    [Fact]
    public void A_uefi_pxe_client_gets_an_offer_without_file_or_option_43_and_then_the_file_from_port_4011()
    {
        var offer = Proxy().Handle(Context(Discover("52:54:00:00:00:02", 7, vendor: "PXEClient:Arch:00007:UNDI:003000")))!;
        Assert.Equal("", offer.BootFile);
        Assert.Null(offer.GetOption(DhcpOptionCode.VendorSpecific));
        Assert.Equal("PXEClient", offer.VendorClass);

        var request = Discover("52:54:00:00:00:02", 7, vendor: "PXEClient:Arch:00007:UNDI:003000");
        request.MessageType = DhcpMessageType.Request;
        request.ClientAddress = IPAddress.Parse("10.47.0.23");
        var context = Context(request, DhcpConstants.PxeServerPort);
        var ack = BootServer().Handle(context)!;

        Assert.Equal(DhcpMessageType.Ack, ack.MessageType);
        Assert.Equal("ipxe.efi", ack.BootFile);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.47.0.23"), 68), DhcpReplyDestination.For(context, ack));
        // Journaled by the listener once the ACK has left: the handler leaves it on the context.
        var recorded = context.PendingReply!.Value;
        Assert.Equal((BootStep.DhcpAck, "10.47.0.23", 4011, "ipxe.efi"), (recorded.Step, recorded.Address, recorded.Dhcp!.Port, recorded.File));
    }

    [Fact]
    public void Ipxe_in_proxy_mode_gets_the_script_and_an_http_boot_client_a_url_with_HTTPClient()
    {
        var ipxe = Proxy().Handle(Context(Discover("52:54:00:00:00:01", 0, ipxe: true)))!;
        Assert.StartsWith("http://10.47.0.1/boot.ipxe?mac=52:54:00:00:00:01", ipxe.BootFile, StringComparison.Ordinal);

        var http = Proxy().Handle(Context(Discover("52:54:00:00:00:03", 16, vendor: "HTTPClient:Arch:00016:UNDI:003001")))!;
        Assert.Equal("http://10.47.0.1/ipxe.efi", http.BootFile);
        Assert.Equal("HTTPClient", http.VendorClass);
        Assert.Null(http.GetOption(DhcpOptionCode.VendorSpecific));
    }

    [Fact]
    public void A_request_on_port_67_belongs_to_the_real_dhcp_server()
    {
        var request = Discover("52:54:00:00:00:01", 0);
        request.MessageType = DhcpMessageType.Request;
        Assert.Null(Proxy().Handle(Context(request)));
    }

    [Fact]
    public void A_raspberry_pi_gets_its_menu_entry_in_option_43()
    {
        var offer = Proxy().Handle(Context(Discover("dc:a6:32:01:02:03", 0)))!;

        var option43 = offer.GetOption(DhcpOptionCode.VendorSpecific)!;
        Assert.True(PxeVendorOptions.TryParse(option43, out var subOptions));
        var menu = subOptions.Single(o => o.Code == (byte)PxeVendorOption.BootMenu).Value;
        Assert.Equal("Raspberry Pi Boot", System.Text.Encoding.ASCII.GetString(menu.AsSpan(3)));
        Assert.Equal("PXEClient", offer.VendorClass);
    }
}
