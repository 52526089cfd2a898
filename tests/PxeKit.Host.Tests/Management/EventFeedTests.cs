using System.Text.Json;
using PxeKit.Core.Events;
using PxeKit.Host.Management;

namespace PxeKit.Host.Tests.Management;

/// <summary>The live stream's feed: a subscriber filtered by MAC, one that falls behind losing only its own oldest events, and the events' JSON the journal's.</summary>
public sealed class EventFeedTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_subscriber_gets_only_its_machines_events_in_order_and_nothing_after_it_ends()
    {
        var feed = new EventFeed();
        using var all = feed.Subscribe(null);
        var one = feed.Subscribe("52:54:00:00:00:01");
        feed.Write(Event(0, "52:54:00:00:00:01"));
        feed.Write(Event(1, "52:54:00:00:00:02"));
        feed.Write(Event(2, "52:54:00:00:00:01"));
        one.Dispose();
        feed.Write(Event(3, "52:54:00:00:00:01"));

        Assert.Equal([0, 2], Drain(one).Select(e => e.Time.Second));
        Assert.True(one.Events.Completion.IsCompleted);
        Assert.Equal([0, 1, 2, 3], Drain(all).Select(e => e.Time.Second));
    }

    [Fact]
    public void A_subscriber_that_falls_behind_loses_its_oldest_events_counted_and_the_others_lose_nothing()
    {
        var feed = new EventFeed();
        using var slow = feed.Subscribe(null);
        using var reading = feed.Subscribe(null);
        var got = new List<BootEvent>();
        for (var i = 0; i < EventFeed.Capacity + 100; i++)
        {
            feed.Write(Event(i, "52:54:00:00:00:01"));
            got.AddRange(Drain(reading));
        }

        Assert.Equal(EventFeed.Capacity + 100, got.Count);
        Assert.Equal(100, slow.Dropped);
        var kept = Drain(slow);
        Assert.Equal(EventFeed.Capacity, kept.Count);
        Assert.Equal(Start.AddSeconds(100), kept[0].Time);
    }

    [Fact]
    public void An_event_in_the_api_reads_exactly_as_its_line_in_an_events_file()
    {
        var bootEvent = new BootEvent
        {
            Time = Start,
            Step = BootStep.DhcpAck,
            Mac = "52:54:00:00:00:01",
            Address = "10.0.2.50",
            Profile = "linux",
            Dhcp = new DhcpFacts { Xid = 42, MessageType = PxeKit.Protocol.Dhcp.DhcpMessageType.Ack },
            Detail = "ack",
        };
        using var text = new StringWriter();
        using (var sink = new JsonLinesJournalSink(text))
        {
            sink.Write(bootEvent);
        }

        Assert.Equal(text.ToString().TrimEnd('\n'), JsonSerializer.Serialize(bootEvent, ManagementJsonContext.Default.BootEvent));
    }

    private static List<BootEvent> Drain(EventFeed.Subscription subscription)
    {
        var events = new List<BootEvent>();
        while (subscription.Events.TryRead(out var bootEvent))
        {
            events.Add(bootEvent);
        }

        return events;
    }

    private static BootEvent Event(int second, string mac) => new() { Time = Start.AddSeconds(second), Step = BootStep.DhcpDiscover, Mac = mac, Detail = "" };
}
