using System.Threading.Channels;
using PxeKit.Core.Events;

namespace PxeKit.Host.Management;

/// <summary>
/// The live stream of events (<c>GET /api/v1/events</c>): each subscriber gets a bounded queue of its own, and
/// <see cref="Write"/> never waits on one. A subscriber that falls behind (a browser tab in the background) loses its
/// oldest events, counted in <see cref="Subscription.Dropped"/>, and nobody else loses anything.
/// </summary>
public sealed class EventFeed : IBootEventSink
{
    /// <summary>Events queued per subscriber before its oldest are dropped.</summary>
    public const int Capacity = 1024;

    private readonly Lock _gate = new();
    private Subscription[] _subscribers = [];

    public void Write(BootEvent bootEvent)
    {
        ArgumentNullException.ThrowIfNull(bootEvent);
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber.Offer(bootEvent);
        }
    }

    /// <summary>Starts a subscription to the events of <paramref name="mac"/> (null: every event); dispose it to end it.</summary>
    public Subscription Subscribe(string? mac)
    {
        var subscription = new Subscription(this, mac);
        lock (_gate)
        {
            _subscribers = [.. _subscribers, subscription];
        }

        return subscription;
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(s => !ReferenceEquals(s, subscription))];
        }
    }

    /// <summary>One reader of the feed.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly EventFeed _feed;
        private readonly string? _mac;
        private readonly Channel<BootEvent> _queue;
        private long _dropped;

        internal Subscription(EventFeed feed, string? mac)
        {
            _feed = feed;
            _mac = mac;
            _queue = Channel.CreateBounded<BootEvent>(
                new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
                _ => Interlocked.Increment(ref _dropped));
        }

        /// <summary>The events this subscriber did not read in time.</summary>
        public long Dropped => Interlocked.Read(ref _dropped);

        /// <summary>The events, in order, as they come; ends when the subscription is disposed.</summary>
        public ChannelReader<BootEvent> Events => _queue.Reader;

        internal void Offer(BootEvent bootEvent)
        {
            if (_mac is null || string.Equals(bootEvent.Mac, _mac, StringComparison.Ordinal))
            {
                _queue.Writer.TryWrite(bootEvent);
            }
        }

        public void Dispose()
        {
            _feed.Remove(this);
            _queue.Writer.TryComplete();
        }
    }
}
