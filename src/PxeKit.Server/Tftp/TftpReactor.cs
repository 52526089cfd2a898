using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PxeKit.Core.Interop;

namespace PxeKit.Server.Tftp;

/// <summary>
/// One thread that waits for every transfer's next datagram at once, as dnsmasq's event loop does, and
/// runs the transfer that datagram belongs to right there, up to its next wait. A thread per transfer
/// cost a context switch in and out for every block: with 200 lock-step transfers, a third of the
/// server's CPU went to switching (perf). Here one wake-up serves every datagram that arrived meanwhile.
/// The transfers themselves stay plain sequential code: their <c>await channel.ReceiveAsync</c>
/// is completed from this loop (see <see cref="TftpTransferChannel"/>).
/// </summary>
internal sealed class TftpReactor : IDisposable
{
    /// <summary>How often waits are checked for their timeout and cancellation.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);

    private readonly ConcurrentDictionary<ulong, TftpTransferChannel> _channels = new();
    private readonly Epoll _epoll = new(capacity: 256);
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private readonly Lock _stopGate = new();
    private long _nextKey;
    private int _watched;
    private volatile bool _stopping;

    public TftpReactor(TimeProvider time, ILogger logger, string name)
    {
        _time = time;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Starts watching a transfer's socket; returns the key to <see cref="Forget"/> it with.</summary>
    public ulong Watch(TftpTransferChannel channel)
    {
        var key = (ulong)Interlocked.Increment(ref _nextKey);
        _channels[key] = channel;
        try
        {
            _epoll.Watch(channel.Socket, key);
        }
        catch
        {
            _channels.TryRemove(key, out _);
            throw;
        }

        if (Interlocked.Increment(ref _watched) == 1)
        {
            // The loop sleeps without a limit while nothing is watched: it must start ticking now.
            _epoll.Wake();
        }

        return key;
    }

    /// <summary>Stops watching a transfer's socket, before the socket is closed.</summary>
    public void Forget(TftpTransferChannel channel, ulong key)
    {
        // Once only: a second Forget would unwatch whatever socket the kernel has since given the same descriptor.
        if (!_channels.TryRemove(key, out _))
        {
            return;
        }

        _epoll.Forget(channel.Socket);
        Interlocked.Decrement(ref _watched);
    }

    /// <summary>
    /// Stops the loop and waits for it; every transfer must have ended before. Called from the loop's
    /// own thread (the last transfer's continuation may run there), it returns at once and the loop
    /// ends when that transfer's step returns.
    /// </summary>
    public void Dispose()
    {
        lock (_stopGate)
        {
            // A second Dispose must not wake a loop that may have closed its descriptors already.
            if (!_stopping)
            {
                _stopping = true;
                _epoll.Wake();
            }
        }

        if (Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }
    }

    private void Run()
    {
        var lastTick = _time.GetTimestamp();
        while (!_stopping)
        {
            var ready = _epoll.Wait(Volatile.Read(ref _watched) > 0 ? (int)Tick.TotalMilliseconds : -1);
            for (var i = 0; i < ready; i++)
            {
                var key = _epoll.KeyAt(i);
                if (key != Epoll.WakeKey && _channels.TryGetValue(key, out var channel))
                {
                    Serve(channel, static c => c.OnReadable());
                }
            }

            if (_time.GetElapsedTime(lastTick) >= Tick)
            {
                lastTick = _time.GetTimestamp();
                foreach (var pair in _channels)
                {
                    Serve(pair.Value, static c => c.OnTick());
                }
            }
        }

        // Under the gate Dispose wakes the loop in, so its wake-up never writes to a closed descriptor.
        lock (_stopGate)
        {
            _epoll.Dispose();
        }
    }

    // The transfer runs inside the call; whatever it throws belongs to the transfer, which records it
    // itself, so anything reaching here is a bug of ours: logged, and the loop goes on for the others.
    private void Serve(TftpTransferChannel channel, Action<TftpTransferChannel> step)
    {
        try
        {
            step(channel);
        }
#pragma warning disable CA1031 // The loop serves every transfer; one bug must not stop the others.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.ReactorError(ex);
        }
    }
}
