using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using PxeKit.Server.Tftp;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.Tftp;

/// <summary>
/// The TFTP event loop on its own, over real UDP sockets on 127.0.0.1, with a fake clock. What the
/// loop thread is doing (asleep in epoll_wait, or gone) comes from the kernel, through the observer.
/// </summary>
public sealed class TftpReactorTests : IDisposable
{
    private const int ReceiveLength = 512;

    // How often, on its clock, the reactor checks timeouts and cancellation.
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    // The longest a test waits, in real time, for the loop to do something.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    // A timeout the fake clock never reaches in these tests.
    private static readonly TimeSpan Forever = TimeSpan.FromHours(1);

    private static int s_reactors;

    private readonly FakeTimeProvider _time = new();
    private readonly ReactorObserver _observer;
    private readonly TftpReactor _reactor;
    private readonly List<TftpTransferChannel> _channels = [];
    private readonly List<Socket> _peers = [];
    private bool _reactorDisposed;

    public TftpReactorTests(ITestOutputHelper output)
    {
        _observer = new ReactorObserver(output, $"rtest-{Interlocked.Increment(ref s_reactors)}");
        _reactor = new TftpReactor(_time, _observer, _observer.ThreadName);
    }

    [Fact]
    public async Task A_channel_watched_while_the_loop_sleeps_without_limit_gets_its_timeout_and_its_datagram()
    {
        WaitUntil(() => _observer.WaitTimeout() == -1, "the idle loop sleeps without a limit");
        var (channel, peer) = Open();

        // Only a loop that ticks ends a wait on its timeout: watching the channel must have woken it.
        var timedOut = channel.ReceiveAsync(Tick, CancellationToken.None).AsTask();
        _time.Advance(Tick);
        Assert.Equal(-1, await OffTheLoop(timedOut));

        var received = channel.ReceiveAsync(Forever, CancellationToken.None).AsTask();
        byte[] datagram = [1, 2, 3];
        peer.Send(datagram);
        Assert.Equal(datagram.Length, await OffTheLoop(received));
        Assert.Equal(datagram, channel.Received(datagram.Length).ToArray());
        Assert.Empty(_observer.Errors);
    }

    [Fact]
    public async Task Watch_and_forget_cycles_in_a_row_lose_no_datagram_and_keep_the_loop_ticking()
    {
        const int Cycles = 100;
        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            if (cycle % 4 == 0)
            {
                // The previous channel was the only one: this cycle starts with the loop asleep.
                WaitUntil(() => _observer.WaitTimeout() == -1, $"the loop sleeps before cycle {cycle}");
            }

            // Before any datagram can wake it, only the wake-up from watching the channel starts the ticks.
            var (channel, peer) = Open();
            var timedOut = channel.ReceiveAsync(Tick, CancellationToken.None).AsTask();
            _time.Advance(Tick);
            Assert.Equal(-1, await OffTheLoop(timedOut));

            var datagram = BitConverter.GetBytes(cycle);
            if (cycle % 2 == 0)
            {
                // The datagram comes while the receive waits: the loop completes the wait.
                var received = channel.ReceiveAsync(Forever, CancellationToken.None).AsTask();
                peer.Send(datagram);
                Assert.Equal(datagram.Length, await OffTheLoop(received));
            }
            else
            {
                // The datagram is queued before the receive (the loop may already have seen it and found
                // nobody waiting): the receive returns it at once.
                peer.Send(datagram);
                WaitUntil(() => channel.Socket.Available > 0, $"cycle {cycle}'s datagram is queued");
                var receive = channel.ReceiveAsync(Forever, CancellationToken.None);
                Assert.True(receive.IsCompleted, $"cycle {cycle}: a queued datagram was left to the loop");
                Assert.Equal(datagram.Length, await receive);
            }

            Assert.Equal(datagram, channel.Received(datagram.Length).ToArray());
            Close(channel);
        }

        Assert.Empty(_observer.Errors);
    }

    [Fact]
    public async Task A_cancelled_receive_ends_at_the_next_tick_and_the_loop_serves_the_other_channels()
    {
        var (cancelled, cancelledPeer) = Open();
        var (other, otherPeer) = Open();
        using var cancellation = new CancellationTokenSource();
        var abandoned = cancelled.ReceiveAsync(Forever, cancellation.Token).AsTask();
        var waiting = other.ReceiveAsync(Forever, CancellationToken.None).AsTask();

        // One tick of the clock, where the timeout is an hour away.
        await cancellation.CancelAsync();
        _time.Advance(Tick);
        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => OffTheLoop(abandoned));
        Assert.Equal(cancellation.Token, thrown.CancellationToken);
        Assert.False(waiting.IsCompleted, "the other channel's receive ended with the cancelled one");

        otherPeer.Send([7]);
        Assert.Equal(1, await OffTheLoop(waiting));

        // The cancelled channel itself can wait again.
        var again = cancelled.ReceiveAsync(Forever, CancellationToken.None).AsTask();
        cancelledPeer.Send([8, 9]);
        Assert.Equal(2, await OffTheLoop(again));
        Assert.Empty(_observer.Errors);
    }

    [Fact]
    public async Task A_pending_receive_times_out_once_the_injected_clock_passes_its_timeout_and_not_before()
    {
        var timeout = TimeSpan.FromSeconds(1);
        var (channel, _) = Open();
        var (marker, _) = Open();
        var receive = channel.ReceiveAsync(timeout, CancellationToken.None).AsTask();

        // A wait due one tick earlier shows when the loop has checked the first one short of its timeout.
        var earlier = marker.ReceiveAsync(timeout - Tick, CancellationToken.None).AsTask();
        _time.Advance(timeout - Tick);
        Assert.Equal(-1, await OffTheLoop(earlier));

        // Back in epoll_wait, the loop has finished the round of checks that ended the earlier wait.
        WaitUntil(() => _observer.WaitTimeout() is not null, "the loop waits again after its checks");
        Assert.False(receive.IsCompleted, "the receive ended before its timeout had passed");

        _time.Advance(Tick);
        Assert.Equal(-1, await OffTheLoop(receive));
        Assert.Empty(_observer.Errors);
    }

    [Fact]
    public async Task A_channel_forgotten_while_its_datagram_waits_to_be_served_gets_nothing_and_the_loop_goes_on()
    {
        var (closer, closerPeer) = Open();
        var (forgotten, forgottenPeer) = Open();
        var (other, otherPeer) = Open();
        var closed = CloseOnArrivalAsync(closer, forgotten);
        var lost = forgotten.ReceiveAsync(Forever, CancellationToken.None).AsTask();
        var waiting = other.ReceiveAsync(Forever, CancellationToken.None).AsTask();

        // Both datagrams are ready at the loop's next wait, the closer's first, so serving the closer
        // forgets the other channel after the loop has seen its datagram and before its turn comes.
        var release = await HoldLoopAsync();
        closerPeer.Send([1]);
        WaitUntil(() => closer.Socket.Available > 0, "the closer's datagram is queued");
        forgottenPeer.Send([2]);
        WaitUntil(() => forgotten.Socket.Available > 0, "the forgotten channel's datagram is queued");
        release.SetResult();

        Assert.Equal(_observer.ThreadName, await OffTheLoop(closed));
        otherPeer.Send([3]);
        Assert.Equal(1, await OffTheLoop(waiting));
        Assert.False(lost.IsCompleted, "the forgotten channel's receive was completed");
        Assert.Empty(_observer.Errors);
    }

    [Fact]
    public async Task Disposing_an_idle_reactor_wakes_its_sleeping_loop_and_ends_it()
    {
        WaitUntil(() => _observer.WaitTimeout() == -1, "the idle loop sleeps without a limit");

        await Task.Run(DisposeReactor).WaitAsync(Deadline);
        WaitUntil(() => _observer.ThreadId() is null, "the loop thread ends");
        Assert.Empty(_observer.Errors);
    }

    [Fact]
    public async Task Disposing_the_reactor_while_a_receive_waits_ends_the_loop_and_leaves_the_receive_pending()
    {
        var (channel, _) = Open();
        var waiting = channel.ReceiveAsync(Forever, CancellationToken.None).AsTask();
        WaitUntil(() => _observer.ThreadId() is not null, "the loop thread shows in /proc");

        await Task.Run(DisposeReactor).WaitAsync(Deadline);
        WaitUntil(() => _observer.ThreadId() is null, "the loop thread ends");

        // Transfers are to end before their reactor does: it neither completes nor faults a wait left over.
        Assert.False(waiting.IsCompleted, "the reactor ended a receive it was disposed under");

        // The reactor's epoll descriptor is closed, so the channel cannot be forgotten: close its socket.
        lock (_channels)
        {
            _channels.Remove(channel);
        }

        channel.Socket.Dispose();
        Assert.Empty(_observer.Errors);
    }

    [Fact]
    public async Task Disposing_the_reactor_from_a_continuation_on_its_own_thread_returns_and_the_loop_ends()
    {
        var (channel, peer) = Open();
        WaitUntil(() => _observer.ThreadId() is not null, "the loop thread shows in /proc");
        var ended = EndOnArrivalAsync(channel);
        peer.Send([1]);

        Assert.Equal(_observer.ThreadName, await OffTheLoop(ended));
        WaitUntil(() => _observer.ThreadId() is null, "the loop thread ends");
        Assert.Empty(_observer.Errors);
    }

    [Fact]
    public async Task Channels_on_one_reactor_each_get_their_own_datagrams()
    {
        const int Count = 4;
        var transfers = Enumerable.Range(0, Count).Select(_ => Open()).ToArray();

        // Round 1: every datagram is ready at the same wake-up of the loop.
        var receives = transfers.Select(t => t.Channel.ReceiveAsync(Forever, CancellationToken.None).AsTask()).ToArray();
        var release = await HoldLoopAsync();
        for (var i = 0; i < Count; i++)
        {
            transfers[i].Peer.Send(Payload(i, round: 1));
        }

        WaitUntil(() => transfers.All(t => t.Channel.Socket.Available > 0), "every datagram is queued");
        release.SetResult();
        for (var i = 0; i < Count; i++)
        {
            Assert.Equal(i + 1, await OffTheLoop(receives[i]));
            Assert.Equal(Payload(i, round: 1), transfers[i].Channel.Received(i + 1).ToArray());
        }

        // Round 2: one at a time, the other way round, while every channel waits.
        receives = transfers.Select(t => t.Channel.ReceiveAsync(Forever, CancellationToken.None).AsTask()).ToArray();
        for (var i = Count - 1; i >= 0; i--)
        {
            transfers[i].Peer.Send(Payload(i, round: 2));
            Assert.Equal(i + 1, await OffTheLoop(receives[i]));
            Assert.Equal(Payload(i, round: 2), transfers[i].Channel.Received(i + 1).ToArray());
        }

        Assert.Empty(_observer.Errors);
    }

    public void Dispose()
    {
        lock (_channels)
        {
            foreach (var channel in _channels)
            {
                channel.Dispose();
            }

            _channels.Clear();
        }

        foreach (var peer in _peers)
        {
            peer.Dispose();
        }

        if (!_reactorDisposed && !Task.Run(DisposeReactor).Wait(Deadline))
        {
            throw new TimeoutException($"The loop of {_observer.ThreadName} did not end.");
        }
    }

    // Channel n's datagram in a round: n + 1 bytes, each naming the channel and the round.
    private static byte[] Payload(int channel, int round) => [.. Enumerable.Repeat((byte)((round * 16) + channel), channel + 1)];

    // Awaits, within the deadline, a task the loop completes. Its continuation would run inline on the
    // loop's thread, as a transfer's does, and a test going on there would hold up the loop it tests.
    private static async Task<T> OffTheLoop<T>(Task<T> task)
    {
        try
        {
            return await task.WaitAsync(Deadline).ConfigureAwait(false);
        }
        finally
        {
            await Task.Yield();
        }
    }

    // Polls a condition until it holds; fails the test once the deadline has passed.
    private static void WaitUntil(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Deadline, $"Gave up waiting until {what}.");
            Thread.Sleep(1);
        }
    }

    // The loop thread's continuation parks here until released, so that what arrives meanwhile is all
    // ready at its next wait.
    private static async Task ParkAsync(TftpTransferChannel channel, TaskCompletionSource parked, Task release)
    {
        await channel.ReceiveAsync(Forever, CancellationToken.None).ConfigureAwait(false);
        parked.SetResult();
        release.Wait(Deadline);
    }

    // A transfer's socket on the reactor and the client's socket connected to it, both on loopback.
    private (TftpTransferChannel Channel, Socket Peer) Open()
    {
        var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _peers.Add(peer);
        peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var channel = TftpTransferChannel.Open(IPAddress.Loopback, (IPEndPoint)peer.LocalEndPoint!, device: null, _reactor, _time, ReceiveLength);
        lock (_channels)
        {
            _channels.Add(channel);
        }

        peer.Connect(channel.Socket.LocalEndPoint!);
        return (channel, peer);
    }

    // Closes a channel as a transfer does when it ends (from any thread); the cleanup then skips it.
    private void Close(TftpTransferChannel channel)
    {
        lock (_channels)
        {
            _channels.Remove(channel);
        }

        channel.Dispose();
    }

    private void DisposeReactor()
    {
        _reactorDisposed = true;
        _reactor.Dispose();
    }

    // Holds the loop thread in a continuation of its own; setting the returned source lets it go.
    private async Task<TaskCompletionSource> HoldLoopAsync()
    {
        var (holder, peer) = Open();
        var parked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = ParkAsync(holder, parked, release.Task);
        peer.Send([0]);
        await parked.Task.WaitAsync(Deadline);
        return release;
    }

    // Waits for a datagram and then, on the loop's thread, closes another channel; returns the thread's name.
    private async Task<string?> CloseOnArrivalAsync(TftpTransferChannel channel, TftpTransferChannel other)
    {
        await channel.ReceiveAsync(Forever, CancellationToken.None).ConfigureAwait(false);
        Close(other);
        return Thread.CurrentThread.Name;
    }

    // As the server's last transfer may: on the loop's thread, closes its channel and then the reactor.
    private async Task<string?> EndOnArrivalAsync(TftpTransferChannel channel)
    {
        await channel.ReceiveAsync(Forever, CancellationToken.None).ConfigureAwait(false);
        Close(channel);
        DisposeReactor();
        return Thread.CurrentThread.Name;
    }
}
