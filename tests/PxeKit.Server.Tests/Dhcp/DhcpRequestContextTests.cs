using System.Net;
using PxeKit.Protocol.Dhcp;
using PxeKit.Server.Dhcp;

namespace PxeKit.Server.Tests.Dhcp;

/// <summary>The one hold a reply waits on: durable leases and address probes add up.</summary>
public class DhcpRequestContextTests
{
    private static DhcpRequestContext Context() =>
        new(DhcpFixture.Request(DhcpMessageType.Discover, "52:54:00:00:00:01"), "lab0", new IPEndPoint(IPAddress.Any, 68));

    [Fact]
    public void An_unheld_reply_leaves_at_once()
    {
        var context = Context();
        Assert.True(FullDhcpHandlerProbeTests.LeavesNow(context));
    }

    [Fact]
    public async Task A_lease_that_cannot_be_stored_faults_the_hold()
    {
        var context = Context();
        var durable = new TaskCompletionSource();
        context.HoldReplyUntil(durable.Task);
        durable.SetException(new IOException("disk full"));
        await Assert.ThrowsAsync<IOException>(() => context.ReplyAfter);
    }

    [Fact]
    public async Task Holds_add_up_and_any_one_withholds_the_reply()
    {
        var context = Context();
        var durable = new TaskCompletionSource();
        var probe = new TaskCompletionSource<bool>();
        context.HoldReplyUntil(durable.Task);
        context.HoldReplyUntil(probe.Task);

        durable.SetResult();
        Assert.False(context.ReplyAfter.IsCompleted);
        probe.SetResult(false);
        Assert.False(await context.ReplyAfter);
    }
}
