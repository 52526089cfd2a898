using System.Diagnostics.Metrics;
using System.Reflection;
using PxeKit.Core.Collections;
using PxeKit.Core.Events;

namespace PxeKit.Core.Metrics;

/// <summary>
/// PxeKit's metrics (docs/metrics.md), counted from the journal's typed events, never from their text: a sink among the
/// journal's others. Its <see cref="Meter"/> is named <see cref="MeterName"/>; <see cref="PrometheusExposition"/> renders
/// it for Prometheus. <see cref="Write"/> never blocks and never throws into the journal: an instrument's add is a few
/// lock-free steps plus the listeners' own (short) work, and a failure is swallowed and counted in
/// <see cref="Failures"/>. What the events do not say is observed when the metrics are read: the pools' use
/// (<see cref="ObservePools"/>) and the events the slow outputs dropped (<see cref="ObserveDroppedEvents"/>).
/// </summary>
public sealed partial class BootMetrics : IBootEventSink, IDisposable
{
    /// <summary>The name of PxeKit's meter.</summary>
    public const string MeterName = "PxeKit";

    /// <summary>How many REQUESTs awaiting their ACK are remembered for <c>pxekit_dhcp_request_to_ack_seconds</c>: bounded, so a flood cannot grow it.</summary>
    public const int PendingRequests = 4096;

    /// <summary>Bucket bounds of the DHCP REQUEST-to-ACK histogram, in seconds: a commit to a local disk takes milliseconds.</summary>
    public static readonly IReadOnlyList<double> AckLatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    /// <summary>Bucket bounds of the TFTP transfer-time histogram, in seconds: a small boot program to a large initrd.</summary>
    public static readonly IReadOnlyList<double> TransferBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

    private readonly BoundedMap<(string Mac, uint Xid), DateTimeOffset> _requests = new(PendingRequests);
    private readonly Lock _dropGate = new();
    private readonly List<(string Output, Func<long> Dropped)> _dropSources = [];
    private volatile Func<IEnumerable<ScopeUse>>? _pools;
    private long _failures;

    public BootMetrics()
    {
        Meter = new Meter(MeterName);
        DhcpReceived = Meter.CreateCounter<long>("pxekit.dhcp.received", "{message}", "DHCP requests the server took up, by message type (type).");
        DhcpIgnored = Meter.CreateCounter<long>("pxekit.dhcp.ignored", "{message}", "DHCP requests deliberately left unanswered, by message type (type) and the typed reason (reason).");
        DhcpReplies = Meter.CreateCounter<long>("pxekit.dhcp.replies", "{message}", "DHCP replies that left, by message type (type).");
        DhcpRepliesDropped = Meter.CreateCounter<long>("pxekit.dhcp.replies.dropped", "{message}", "DHCP replies decided on that never left, by message type (type) and why (reason).");
        AckLatency = Meter.CreateHistogram<double>(
            "pxekit.dhcp.request_to_ack", "s", "Time from a DHCP REQUEST to its ACK leaving; the ACK waits for its lease to be durable.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = AckLatencyBuckets });
        LeaseStoreFailures = Meter.CreateCounter<long>("pxekit.lease_store.failures", "{outage}", "Times the lease store stopped taking writes, by why (reason).");
        TftpStarted = Meter.CreateCounter<long>("pxekit.tftp.transfers.started", "{transfer}", "TFTP transfers begun, by direction (op: read or write).");
        TftpCompleted = Meter.CreateCounter<long>("pxekit.tftp.transfers.completed", "{transfer}", "TFTP transfers finished whole, by direction (op).");
        TftpFailed = Meter.CreateCounter<long>("pxekit.tftp.transfers.failed", "{transfer}", "TFTP transfers begun that did not finish, by direction (op) and why (reason).");
        TftpRefused = Meter.CreateCounter<long>("pxekit.tftp.refused", "{request}", "TFTP requests refused, by why (reason).");
        TftpBytes = Meter.CreateCounter<long>("pxekit.tftp.bytes", "By", "Bytes of the TFTP transfers that finished, by direction (op: read is sent, write is received).");
        TftpDuration = Meter.CreateHistogram<double>(
            "pxekit.tftp.transfer.duration", "s", "How long the TFTP transfers that finished took, by direction (op).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TransferBuckets });
        HttpRequests = Meter.CreateCounter<long>("pxekit.http.requests", "{request}", "HTTP requests received, by method (method).");
        HttpCompleted = Meter.CreateCounter<long>("pxekit.http.completed", "{request}", "HTTP responses sent whole, by status (status).");
        HttpFailed = Meter.CreateCounter<long>("pxekit.http.failed", "{request}", "HTTP requests refused or broken off, by status (status; none when the connection broke).");
        HttpBytes = Meter.CreateCounter<long>("pxekit.http.bytes", "By", "Bytes of HTTP response bodies sent, whole or in part.");
        Verdicts = Meter.CreateCounter<long>("pxekit.verdicts", "{verdict}", "Verdicts of the diagnosis, by fault id (fault, as docs/diagnosis.md names it).");
        Meter.CreateObservableGauge("pxekit.dhcp.pool.size", ObservePoolSize, "{address}", "Addresses in each scope's range (scope).");
        Meter.CreateObservableGauge("pxekit.dhcp.pool.leased", ObservePoolLeased, "{address}", "Addresses of each scope's range leased now (scope).");
        Meter.CreateObservableGauge(
            "pxekit.build.info", () => new Measurement<long>(1, new KeyValuePair<string, object?>("version", Version)), null, "Always 1; the PxeKit version serving (version).");
        Meter.CreateObservableCounter("pxekit.events.dropped", ObserveDropped, "{event}", "Events a slow output (the terminal, the events file) did not get, by output (output).");
    }

    /// <summary>PxeKit's version, as the build stamped it (without the commit).</summary>
    public static string Version { get; } =
        typeof(BootMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>The meter every instrument is on; collect it with a <see cref="MeterListener"/> (<see cref="PrometheusExposition"/>).</summary>
    public Meter Meter { get; }

    /// <summary>Events this sink failed to count (a bug; the journal went on).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    internal Counter<long> DhcpReceived { get; }

    internal Counter<long> DhcpIgnored { get; }

    internal Counter<long> DhcpReplies { get; }

    internal Counter<long> DhcpRepliesDropped { get; }

    internal Histogram<double> AckLatency { get; }

    internal Counter<long> LeaseStoreFailures { get; }

    internal Counter<long> TftpStarted { get; }

    internal Counter<long> TftpCompleted { get; }

    internal Counter<long> TftpFailed { get; }

    internal Counter<long> TftpRefused { get; }

    internal Counter<long> TftpBytes { get; }

    internal Histogram<double> TftpDuration { get; }

    internal Counter<long> HttpRequests { get; }

    internal Counter<long> HttpCompleted { get; }

    internal Counter<long> HttpFailed { get; }

    internal Counter<long> HttpBytes { get; }

    internal Counter<long> Verdicts { get; }

    /// <summary>
    /// Where the pools' use comes from, asked each time the metrics are read (the DHCP handler, which takes its lock);
    /// replaces the one before (the listeners bound anew). A callback that throws shows no pools for that reading.
    /// </summary>
    public void ObservePools(Func<IEnumerable<ScopeUse>>? pools) => _pools = pools;

    /// <summary>Counts the events <paramref name="output"/> dropped (<see cref="QueuedJournalSink.Dropped"/>), asked each time the metrics are read.</summary>
    public void ObserveDroppedEvents(string output, Func<long> dropped)
    {
        ArgumentException.ThrowIfNullOrEmpty(output);
        ArgumentNullException.ThrowIfNull(dropped);
        lock (_dropGate)
        {
            _dropSources.Add((output, dropped));
        }
    }

    public void Dispose() => Meter.Dispose();

    private IEnumerable<Measurement<long>> ObservePoolSize() => Pools().Select(p => new Measurement<long>(p.Size, new KeyValuePair<string, object?>("scope", p.Scope)));

    private IEnumerable<Measurement<long>> ObservePoolLeased() => Pools().Select(p => new Measurement<long>(p.Leased, new KeyValuePair<string, object?>("scope", p.Scope)));

    private List<ScopeUse> Pools()
    {
        try
        {
            return _pools is { } pools ? [.. pools()] : [];
        }
#pragma warning disable CA1031 // Reading the metrics must not fail for the pools' sake: they are left out of this reading.
        catch (Exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _failures);
            return [];
        }
    }

    private List<Measurement<long>> ObserveDropped()
    {
        List<(string Output, Func<long> Dropped)> sources;
        lock (_dropGate)
        {
            sources = [.. _dropSources];
        }

        var measurements = new List<Measurement<long>>(sources.Count);
        foreach (var (output, dropped) in sources)
        {
            try
            {
                measurements.Add(new Measurement<long>(dropped(), new KeyValuePair<string, object?>("output", output)));
            }
#pragma warning disable CA1031 // As for the pools: one source's failure leaves it out of this reading.
            catch (Exception)
#pragma warning restore CA1031
            {
                Interlocked.Increment(ref _failures);
            }
        }

        return measurements;
    }
}
