using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;

namespace PxeKit.Host.Tests;

public sealed class ListenerGroupTests
{
    [Fact]
    public async Task A_listener_that_fails_stops_the_others_and_its_reason_is_the_hosts()
    {
        var tftpStopped = new TaskCompletionSource();
        var dhcpFailed = new TaskCompletionSource();
        using var group = new ListenerGroup(CancellationToken.None);
        group.Start("TFTP", async token =>
        {
            await Task.Delay(Timeout.Infinite, token).ContinueWith(_ => { }, TaskScheduler.Default);
            tftpStopped.SetResult();
            token.ThrowIfCancellationRequested();
        });
        group.Start("DHCP", _ => dhcpFailed.Task);

        var running = group.RunAsync();
        dhcpFailed.SetException(new SocketException((int)SocketError.NetworkDown));
        var stopped = await Assert.ThrowsAsync<ListenerStoppedException>(() => running);

        Assert.Equal("DHCP", stopped.Listener);
        Assert.IsType<SocketException>(stopped.InnerException);
        Assert.StartsWith("the DHCP listener failed: ", stopped.Message, StringComparison.Ordinal);
        Assert.True(tftpStopped.Task.IsCompleted);
    }

    [Fact]
    public async Task A_listener_that_returns_on_its_own_is_a_stop_too()
    {
        using var group = new ListenerGroup(CancellationToken.None);
        group.Start("HTTP", _ => Task.CompletedTask);
        group.Start("TFTP", token => Task.Delay(Timeout.Infinite, token));

        var stopped = await Assert.ThrowsAsync<ListenerStoppedException>(group.RunAsync);

        Assert.Equal(("HTTP", "the HTTP listener stopped"), (stopped.Listener, stopped.Message));
        Assert.Null(stopped.InnerException);
    }

    [Fact]
    public async Task Asked_to_stop_it_ends_every_listener_and_says_it_was_cancelled()
    {
        using var stop = new CancellationTokenSource();
        using var group = new ListenerGroup(stop.Token);
        group.Start("TFTP", token => Task.Delay(Timeout.Infinite, token));
        group.Start("DHCP", token => Task.Delay(Timeout.Infinite, token));

        var running = group.RunAsync();
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
    }

    [Fact]
    public async Task The_watchdog_is_told_only_while_every_listener_runs()
    {
        var time = new FakeTimeProvider();
        var dhcpFailed = new TaskCompletionSource();
        int beats = 0;
        using var group = new ListenerGroup(CancellationToken.None);
        group.WhileRunning(TimeSpan.FromSeconds(10), () => Interlocked.Increment(ref beats), time);
        group.Start("TFTP", token => Task.Delay(Timeout.Infinite, token));
        group.Start("DHCP", _ => dhcpFailed.Task);

        var running = group.RunAsync();
        Assert.Equal(1, Volatile.Read(ref beats)); // at once: systemd is told as soon as the group runs
        time.Advance(TimeSpan.FromSeconds(10));
        await Eventually.HoldsAsync(() => Volatile.Read(ref beats) == 2);
        time.Advance(TimeSpan.FromSeconds(10));
        await Eventually.HoldsAsync(() => Volatile.Read(ref beats) == 3);

        dhcpFailed.SetException(new SocketException((int)SocketError.NetworkDown));
        await Assert.ThrowsAsync<ListenerStoppedException>(() => running);
        time.Advance(TimeSpan.FromSeconds(30));

        // A listener ended: no more beats, so systemd's watchdog would fire if the process lingered.
        Assert.Equal(3, Volatile.Read(ref beats));
    }
}
