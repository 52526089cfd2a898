using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;

namespace PxeKit.Core.Tests.Events;

public class DhcpFactsTests
{
    [Theory]
    [InlineData("iPXE", true)]
    [InlineData("lab iPXE", true)]
    [InlineData("iPXE lab", true)]
    [InlineData("iPXEx", false)]
    [InlineData("ipxe", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Ipxe_is_one_of_the_user_classes_exactly(string? userClass, bool ipxe) =>
        Assert.Equal(ipxe, new DhcpFacts { MessageType = DhcpMessageType.Discover, UserClass = userClass }.IsIpxe);

    [Fact]
    public void A_reply_says_what_its_client_is_from_the_request_and_what_it_carries_from_itself()
    {
        var request = new DhcpMessage { TransactionId = 9 };
        request.MessageType = DhcpMessageType.Discover;
        request.SetOption(DhcpOptionCode.ClientSystemArchitecture, [0, 9]);
        request.SetOption(DhcpOptionCode.UserClass, [4, .. "iPXE"u8, 3, .. "lab"u8]);
        var reply = new DhcpMessage { Op = DhcpOpCode.BootReply, TransactionId = 9, ServerAddress = System.Net.IPAddress.Parse("10.47.0.1") };
        reply.MessageType = DhcpMessageType.Nak;
        reply.SetString(DhcpOptionCode.VendorClassIdentifier, "PXEClient");

        var asked = DhcpFacts.Of(request, 67);
        var facts = DhcpFacts.OfReply(reply, asked, 67, DhcpIgnoreReason.WrongSubnet);

        Assert.Equal((ClientArchitecture?)ClientArchitecture.EfiX64, asked.Architecture);
        Assert.Equal("iPXE lab", asked.UserClass);
        Assert.Equal((DhcpMessageType.Nak, (uint)9, 67), (facts.MessageType, facts.Xid, facts.Port));
        Assert.Equal(((ClientArchitecture?)ClientArchitecture.EfiX64, "iPXE lab", "PXEClient", "10.47.0.1"), (facts.Architecture, facts.UserClass, facts.VendorClass, facts.NextServer));
        Assert.Equal(DhcpIgnoreReason.WrongSubnet, facts.IgnoreReason);
    }
}
