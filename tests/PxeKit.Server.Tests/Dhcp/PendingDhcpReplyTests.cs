using System.Net.Sockets;
using PxeKit.Core.Events;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Dhcp;

namespace PxeKit.Server.Tests.Dhcp;

public class PendingDhcpReplyTests
{
    private static readonly DateTimeOffset Left = new(2026, 12, 7, 21, 0, 0, TimeSpan.Zero);

    private static readonly PendingDhcpReply Offer = new(
        BootStep.DhcpOffer,
        "52:54:00:00:00:01",
        new DhcpFacts { MessageType = DhcpMessageType.Offer, Xid = 7, ServerId = "10.47.0.1" },
        "offer 10.47.0.100, boot pxelinux.0 from 10.47.0.1",
        "10.47.0.100",
        "10.47.0.1",
        "pxelinux.0",
        "default");

    [Fact]
    public void A_reply_that_left_is_one_event_stamped_when_it_left()
    {
        var sent = Offer.Sent(Left);

        Assert.Equal((Left, BootStep.DhcpOffer, "52:54:00:00:00:01", "10.47.0.100"), (sent.Time, sent.Step, sent.Mac, sent.Address));
        Assert.Equal(("10.47.0.1", "pxelinux.0", "default"), (sent.Server, sent.File, sent.Profile));
        Assert.Same(Offer.Dhcp, sent.Dhcp);
        Assert.Null(sent.Dhcp!.ReplyFailure);
    }

    [Fact]
    public void A_reply_that_could_not_leave_says_why_and_keeps_what_it_would_have_said()
    {
        var dropped = Offer.Dropped(Left, DhcpReplyFailure.SendRefused, "OFFER not sent to 10.47.0.100:68: denied", SocketError.AccessDenied);

        Assert.Equal((BootStep.DhcpReplyDropped, DhcpReplyFailure.SendRefused, SocketError.AccessDenied), (dropped.Step, dropped.Dhcp!.ReplyFailure, dropped.SocketError));
        Assert.Equal(("52:54:00:00:00:01", "10.47.0.100", "pxelinux.0", 7u), (dropped.Mac, dropped.Address, dropped.File, dropped.Dhcp.Xid));
        Assert.Equal((Left, "OFFER not sent to 10.47.0.100:68: denied"), (dropped.Time, dropped.Detail));
        Assert.Null(Offer.Dhcp.ReplyFailure); // the pending facts are not changed
    }
}
