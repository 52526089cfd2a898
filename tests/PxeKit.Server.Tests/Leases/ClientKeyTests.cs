using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Leases;

namespace PxeKit.Server.Tests.Leases;

public sealed class ClientKeyTests
{
    [Fact]
    public void Option_61_keys_the_client_and_without_it_the_mac_does()
    {
        var request = new DhcpMessage { ClientHardwareAddress = [0x52, 0x54, 0x00, 0x00, 0x00, 0x01] };
        Assert.Equal(ClientKey.ForMac("52:54:00:00:00:01"), ClientKey.Of(request));

        // Type 1 (Ethernet) then the MAC, as PXE ROMs send it.
        request.SetOption(DhcpOptionCode.ClientIdentifier, [0x01, 0x52, 0x54, 0x00, 0x00, 0x00, 0x01]);
        var key = ClientKey.Of(request);

        Assert.Equal("01:52:54:00:00:00:01", key.Identifier);
        Assert.Null(key.Mac);
        Assert.Equal(ClientKey.ForIdentifier("01:52:54:00:00:00:01"), key);
        Assert.NotEqual(ClientKey.ForMac("52:54:00:00:00:01"), key);
        Assert.Equal("id 01:52:54:00:00:00:01", key.ToString());
    }

    [Fact]
    public void An_option_61_shorter_than_rfc_2132_allows_is_no_identifier()
    {
        var request = new DhcpMessage { ClientHardwareAddress = [0x52, 0x54, 0x00, 0x00, 0x00, 0x01] };
        request.SetOption(DhcpOptionCode.ClientIdentifier, [0x01]);

        Assert.Equal(ClientKey.ForMac("52:54:00:00:00:01"), ClientKey.Of(request));
    }
}
