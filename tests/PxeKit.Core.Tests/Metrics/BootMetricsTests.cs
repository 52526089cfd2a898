using System.Diagnostics.Metrics;
using PxeKit.Core.Events;
using PxeKit.Core.Metrics;
using PxeKit.Core.Verdicts;
using PxeKit.Protocol.Dhcp;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Core.Tests.Metrics;

/// <summary>Journal events in, instrument values out: each step counts where docs/metrics.md says, from its typed fields.</summary>
public sealed class BootMetricsTests : IDisposable
{
    private const string Mac = "52:54:00:12:34:56";
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private readonly BootMetrics _metrics = new();
    private readonly MeterReadings _readings;

    public BootMetricsTests() => _readings = new MeterReadings(_metrics.Meter);

    [Fact]
    public void Dhcp_requests_replies_and_ignored_requests_are_counted_by_type_and_reason()
    {
        _metrics.Write(Dhcp(BootStep.DhcpDiscover, DhcpMessageType.Discover));
        _metrics.Write(Dhcp(BootStep.DhcpOffer, DhcpMessageType.Offer));
        _metrics.Write(Dhcp(BootStep.DhcpDiscover, DhcpMessageType.Discover));
        _metrics.Write(Dhcp(BootStep.DhcpIgnored, DhcpMessageType.Discover) with { Dhcp = Facts(DhcpMessageType.Discover) with { IgnoreReason = DhcpIgnoreReason.PoolExhausted } });
        _metrics.Write(Dhcp(BootStep.DhcpReplyDropped, DhcpMessageType.Ack) with { Dhcp = Facts(DhcpMessageType.Ack) with { ReplyFailure = DhcpReplyFailure.LeaseNotStored } });

        Assert.Equal(2, _readings.Sum("pxekit.dhcp.received", ("type", "Discover")));
        Assert.Equal(1, _readings.Sum("pxekit.dhcp.replies", ("type", "Offer")));
        Assert.Equal(1, _readings.Sum("pxekit.dhcp.ignored", ("type", "Discover"), ("reason", "PoolExhausted")));
        Assert.Equal(1, _readings.Sum("pxekit.dhcp.replies.dropped", ("type", "Ack"), ("reason", "LeaseNotStored")));
    }

    [Fact]
    public void Request_to_ack_time_is_measured_from_the_events_times_and_a_nak_ends_the_wait_unmeasured()
    {
        _metrics.Write(Dhcp(BootStep.DhcpRequest, DhcpMessageType.Request, xid: 7));
        _metrics.Write(Dhcp(BootStep.DhcpAck, DhcpMessageType.Ack, xid: 7, after: TimeSpan.FromMilliseconds(4)));
        _metrics.Write(Dhcp(BootStep.DhcpRequest, DhcpMessageType.Request, xid: 8));
        _metrics.Write(Dhcp(BootStep.DhcpNak, DhcpMessageType.Nak, xid: 8, after: TimeSpan.FromMilliseconds(1)));
        _metrics.Write(Dhcp(BootStep.DhcpAck, DhcpMessageType.Ack, xid: 8, after: TimeSpan.FromMilliseconds(9)));

        Assert.Equal([0.004], _readings.Values("pxekit.dhcp.request_to_ack"));
        Assert.Equal(2, _readings.Sum("pxekit.dhcp.replies", ("type", "Ack")));
    }

    [Fact]
    public void Requests_awaiting_their_ack_are_bounded_and_the_oldest_is_forgotten_first()
    {
        for (uint xid = 0; xid <= BootMetrics.PendingRequests; xid++)
        {
            _metrics.Write(Dhcp(BootStep.DhcpRequest, DhcpMessageType.Request, xid));
        }

        _metrics.Write(Dhcp(BootStep.DhcpAck, DhcpMessageType.Ack, xid: 0, after: TimeSpan.FromMilliseconds(3)));
        _metrics.Write(Dhcp(BootStep.DhcpAck, DhcpMessageType.Ack, xid: 1, after: TimeSpan.FromMilliseconds(3)));

        Assert.Equal([0.003], _readings.Values("pxekit.dhcp.request_to_ack"));
    }

    [Fact]
    public void What_a_capture_saw_is_not_counted_as_served_traffic()
    {
        _metrics.Write(Dhcp(BootStep.DhcpDiscover, DhcpMessageType.Discover) with { Source = EvidenceSource.Capture });
        _metrics.Write(Dhcp(BootStep.WireDhcp, DhcpMessageType.Discover) with { Source = EvidenceSource.Capture });
        _metrics.Write(Tftp(BootStep.TftpRequest) with { Source = EvidenceSource.Capture });

        Assert.Empty(_readings.Values("pxekit.dhcp.received"));
        Assert.Empty(_readings.Values("pxekit.tftp.transfers.started"));
    }

    [Fact]
    public void Tftp_transfers_are_counted_with_their_bytes_time_failures_and_refusals()
    {
        _metrics.Write(Tftp(BootStep.TftpRequest));
        _metrics.Write(Tftp(BootStep.TftpComplete) with { Bytes = 70_000, Elapsed = TimeSpan.FromMilliseconds(250) });
        _metrics.Write(Tftp(BootStep.TftpRequest, TftpOpcode.WriteRequest));
        _metrics.Write(Tftp(BootStep.TftpFailed, TftpOpcode.WriteRequest) with { Tftp = new TftpFacts { Opcode = TftpOpcode.WriteRequest, Failure = TftpFailure.NoData } });
        _metrics.Write(Tftp(BootStep.TftpRefused) with { Refusal = FileRefusal.NotFound, Tftp = new TftpFacts { Opcode = TftpOpcode.ReadRequest, ErrorCode = TftpErrorCode.FileNotFound } });
        _metrics.Write(Tftp(BootStep.TftpRefused) with { Tftp = new TftpFacts { Opcode = TftpOpcode.ReadRequest, Limit = TftpLimit.PerClient, Refusals = 5 } });

        Assert.Equal(1, _readings.Sum("pxekit.tftp.transfers.started", ("op", "read")));
        Assert.Equal(1, _readings.Sum("pxekit.tftp.transfers.started", ("op", "write")));
        Assert.Equal(1, _readings.Sum("pxekit.tftp.transfers.completed", ("op", "read")));
        Assert.Equal(70_000, _readings.Sum("pxekit.tftp.bytes", ("op", "read")));
        Assert.Equal([0.25], _readings.Values("pxekit.tftp.transfer.duration"));
        Assert.Equal(1, _readings.Sum("pxekit.tftp.transfers.failed", ("op", "write"), ("reason", "NoData")));
        Assert.Equal(1, _readings.Sum("pxekit.tftp.refused", ("reason", "NotFound")));
        Assert.Equal(5, _readings.Sum("pxekit.tftp.refused", ("reason", "LimitPerClient")));
    }

    [Fact]
    public void Http_requests_are_counted_by_method_bounded_to_the_standard_ones_and_status_with_the_bytes_sent_whole_or_in_part()
    {
        _metrics.Write(Http(BootStep.HttpRequest, new HttpFacts { Method = "GET" }));
        _metrics.Write(Http(BootStep.HttpComplete, new HttpFacts { Method = "GET", Status = 200 }) with { Bytes = 1000 });
        _metrics.Write(Http(BootStep.HttpRequest, new HttpFacts { Method = "HEAD" }));
        _metrics.Write(Http(BootStep.HttpRequest, new HttpFacts { Method = "X-ANY-TOKEN-A-CLIENT-SENDS" }));
        _metrics.Write(Http(BootStep.HttpFailed, new HttpFacts { Method = "GET", Status = 404 }));
        _metrics.Write(Http(BootStep.HttpFailed, new HttpFacts { Method = "GET" }) with { Bytes = 300 });

        Assert.Equal(1, _readings.Sum("pxekit.http.requests", ("method", "GET")));
        Assert.Equal(1, _readings.Sum("pxekit.http.requests", ("method", "HEAD")));
        Assert.Equal(1, _readings.Sum("pxekit.http.requests", ("method", "other")));
        Assert.Equal(1, _readings.Sum("pxekit.http.completed", ("status", "200")));
        Assert.Equal(1, _readings.Sum("pxekit.http.failed", ("status", "404")));
        Assert.Equal(1, _readings.Sum("pxekit.http.failed", ("status", "none")));
        Assert.Equal(1300, _readings.Sum("pxekit.http.bytes"));
    }

    [Fact]
    public void Verdicts_are_counted_by_their_stable_fault_id_whatever_source_showed_them()
    {
        var verdict = Verdict.Of(FaultId.DhcpDroppedOnHost, Mac, "cause", "", "fix");
        _metrics.Write(verdict.ToEvent(Start, EvidenceSource.Capture));
        _metrics.Write(verdict.ToEvent(Start, EvidenceSource.Server));

        Assert.Equal(2, _readings.Sum("pxekit.verdicts", ("fault", "dhcp-dropped-on-host")));
    }

    [Fact]
    public void Lease_store_outages_are_counted_by_reason()
    {
        _metrics.Write(new BootEvent { Time = Start, Step = BootStep.LeaseStoreFailed, LeaseStore = LeaseStoreFailure.DiskFull });

        Assert.Equal(1, _readings.Sum("pxekit.lease_store.failures", ("reason", "DiskFull")));
    }

    [Fact]
    public void Pool_use_and_dropped_events_are_read_from_their_callbacks_when_the_metrics_are_read()
    {
        long dropped = 3;
        _metrics.ObservePools(() => [new ScopeUse("10.0.0.100-10.0.0.199", 100, 7)]);
        _metrics.ObserveDroppedEvents("terminal", () => dropped);
        _readings.Observe();
        dropped = 10;
        _readings.Observe();

        Assert.Equal(2 * 100, _readings.Sum("pxekit.dhcp.pool.size", ("scope", "10.0.0.100-10.0.0.199")));
        Assert.Equal(2 * 7, _readings.Sum("pxekit.dhcp.pool.leased", ("scope", "10.0.0.100-10.0.0.199")));
        Assert.Equal([3, 10], _readings.Values("pxekit.events.dropped"));
    }

    [Fact]
    public void A_pool_callback_that_throws_leaves_the_pools_out_of_that_reading_and_is_counted()
    {
        _metrics.ObservePools(() => throw new InvalidOperationException("the pool is gone"));

        _readings.Observe();

        Assert.Empty(_readings.Values("pxekit.dhcp.pool.size"));
        Assert.Equal(2, _metrics.Failures);
    }

    [Fact]
    public void A_listener_that_throws_never_reaches_the_journal()
    {
        using var broken = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, _metrics.Meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        broken.SetMeasurementEventCallback<long>((_, _, _, _) => throw new InvalidOperationException("a broken listener"));
        broken.Start();

        _metrics.Write(Tftp(BootStep.TftpRequest));

        Assert.Equal(1, _metrics.Failures);
    }

    public void Dispose()
    {
        _readings.Dispose();
        _metrics.Dispose();
    }

    private static DhcpFacts Facts(DhcpMessageType type, uint xid = 1) => new() { MessageType = type, Xid = xid };

    private static BootEvent Dhcp(BootStep step, DhcpMessageType type, uint xid = 1, TimeSpan after = default) =>
        new() { Time = Start + after, Step = step, Mac = Mac, Dhcp = Facts(type, xid) };

    private static BootEvent Tftp(BootStep step, TftpOpcode opcode = TftpOpcode.ReadRequest) =>
        new() { Time = Start, Step = step, Address = "10.0.0.100", File = "boot.bin", Tftp = new TftpFacts { Opcode = opcode } };

    private static BootEvent Http(BootStep step, HttpFacts facts) =>
        new() { Time = Start, Step = step, Address = "10.0.0.100", File = "/boot.ipxe", Http = facts };
}
