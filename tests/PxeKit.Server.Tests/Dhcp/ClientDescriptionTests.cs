using System.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Dhcp;

namespace PxeKit.Server.Tests.Dhcp;

public class ClientDescriptionTests
{
    [Fact]
    public void A_relayed_pxe_request_is_told_in_order_after_the_prefix()
    {
        var request = new DhcpMessage { GatewayAddress = IPAddress.Parse("10.9.0.1") };
        request.SetOption(DhcpOptionCode.ClientSystemArchitecture, [0, 7]);
        request.SetOption(DhcpOptionCode.VendorClassIdentifier, "PXEClient:Arch:00007:UNDI:003016\0"u8);
        request.SetOption(DhcpOptionCode.UserClass, [4, (byte)'i', (byte)'P', (byte)'X', (byte)'E', 3, (byte)'l', (byte)'a', (byte)'b']);

        Assert.Equal(
            "discover: arch 7 (EfiBc), vendor \"PXEClient:Arch:00007:UNDI:003016\", user class \"iPXE,lab\", via relay 10.9.0.1",
            ClientDescription.Of(request, "discover: "));
    }

    [Fact]
    public void A_request_without_those_options_says_so() =>
        Assert.Equal("no vendor or architecture options", ClientDescription.Of(new DhcpMessage()));

    [Fact]
    public void A_long_vendor_class_is_told_whole()
    {
        var request = new DhcpMessage();
        var vendor = new string('v', 2000);
        request.SetString(DhcpOptionCode.VendorClassIdentifier, vendor);
        Assert.Equal($"vendor \"{vendor}\"", ClientDescription.Of(request));
    }
}
