using System.Diagnostics.Metrics;
using PxeKit.Core.Metrics;

namespace PxeKit.Core.Tests.Metrics;

/// <summary>The text exposition format 0.0.4, compared whole with what Prometheus reads.</summary>
public sealed class PrometheusExpositionTests : IDisposable
{
    private readonly Meter _meter = new("PxeKit");

    [Fact]
    public void Counters_gauges_and_histograms_render_as_golden_text()
    {
        var sent = _meter.CreateCounter<long>("pxekit.test.sent", "{message}", "Messages sent, by type.");
        var bytes = _meter.CreateCounter<long>("pxekit.test.bytes", "By", "Bytes sent.");
        var time = _meter.CreateHistogram<double>("pxekit.test.duration", "s", "How long it took.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1] });
        _meter.CreateObservableGauge("pxekit.test.size", () => new Measurement<long>(254, new KeyValuePair<string, object?>("scope", "10.0.0.1-10.0.0.254")), "{address}", "Addresses.");
        using var exposition = new PrometheusExposition(_meter);

        sent.Add(2, new KeyValuePair<string, object?>("type", "Offer"));
        sent.Add(1, new KeyValuePair<string, object?>("type", "Ack"));
        sent.Add(1, new KeyValuePair<string, object?>("type", "Offer"));
        bytes.Add(70_000);
        time.Record(0.05);
        time.Record(0.1);
        time.Record(2.5);

        Assert.Equal(
            """
            # HELP pxekit_test_bytes_total Bytes sent.
            # TYPE pxekit_test_bytes_total counter
            pxekit_test_bytes_total 70000
            # HELP pxekit_test_duration_seconds How long it took.
            # TYPE pxekit_test_duration_seconds histogram
            pxekit_test_duration_seconds_bucket{le="0.1"} 2
            pxekit_test_duration_seconds_bucket{le="1"} 2
            pxekit_test_duration_seconds_bucket{le="+Inf"} 3
            pxekit_test_duration_seconds_sum 2.65
            pxekit_test_duration_seconds_count 3
            # HELP pxekit_test_sent_total Messages sent, by type.
            # TYPE pxekit_test_sent_total counter
            pxekit_test_sent_total{type="Ack"} 1
            pxekit_test_sent_total{type="Offer"} 3
            # HELP pxekit_test_size Addresses.
            # TYPE pxekit_test_size gauge
            pxekit_test_size{scope="10.0.0.1-10.0.0.254"} 254

            """.ReplaceLineEndings("\n"),
            exposition.Collect());
    }

    [Fact]
    public void Label_values_and_help_are_escaped_and_labels_are_sorted_by_name()
    {
        var counter = _meter.CreateCounter<long>("pxekit.test.files", null, "Files \\ served\nby name.");
        using var exposition = new PrometheusExposition(_meter);

        counter.Add(1, new KeyValuePair<string, object?>("file", "a\\b\"c\nd"), new KeyValuePair<string, object?>("client", "x"));

        Assert.Equal(
            """
            # HELP pxekit_test_files_total Files \\ served\nby name.
            # TYPE pxekit_test_files_total counter
            pxekit_test_files_total{client="x",file="a\\b\"c\nd"} 1

            """.ReplaceLineEndings("\n"),
            exposition.Collect());
    }

    [Fact]
    public void Histogram_labels_keep_le_last_and_each_series_has_its_own_buckets()
    {
        var time = _meter.CreateHistogram<double>("pxekit.test.wait", "s", "Wait.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1] });
        using var exposition = new PrometheusExposition(_meter);

        time.Record(0.5, new KeyValuePair<string, object?>("op", "read"));
        time.Record(1.5, new KeyValuePair<string, object?>("op", "write"));

        Assert.Equal(
            """
            # HELP pxekit_test_wait_seconds Wait.
            # TYPE pxekit_test_wait_seconds histogram
            pxekit_test_wait_seconds_bucket{op="read",le="1"} 1
            pxekit_test_wait_seconds_bucket{op="read",le="+Inf"} 1
            pxekit_test_wait_seconds_sum{op="read"} 0.5
            pxekit_test_wait_seconds_count{op="read"} 1
            pxekit_test_wait_seconds_bucket{op="write",le="1"} 0
            pxekit_test_wait_seconds_bucket{op="write",le="+Inf"} 1
            pxekit_test_wait_seconds_sum{op="write"} 1.5
            pxekit_test_wait_seconds_count{op="write"} 1

            """.ReplaceLineEndings("\n"),
            exposition.Collect());
    }

    [Fact]
    public void An_observed_series_that_is_no_longer_reported_is_gone_from_the_next_reading()
    {
        var scopes = new List<string> { "a", "b" };
        _meter.CreateObservableGauge("pxekit.test.pool", () => scopes.Select(s => new Measurement<long>(1, new KeyValuePair<string, object?>("scope", s))));
        using var exposition = new PrometheusExposition(_meter);

        Assert.Contains("pxekit_test_pool{scope=\"b\"} 1\n", exposition.Collect(), StringComparison.Ordinal);
        scopes.Remove("b");

        Assert.DoesNotContain("scope=\"b\"", exposition.Collect(), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_given_meter_is_exposed_even_beside_another_of_the_same_name()
    {
        using var other = new Meter("PxeKit");
        other.CreateCounter<long>("pxekit.test.other").Add(1);
        _meter.CreateCounter<long>("pxekit.test.mine").Add(1);
        using var exposition = new PrometheusExposition(_meter);

        Assert.DoesNotContain("other", exposition.Collect(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_boot_metrics_render_with_their_prometheus_names()
    {
        using var metrics = new BootMetrics();
        using var exposition = new PrometheusExposition(metrics.Meter);

        var text = exposition.Collect();

        foreach (var name in new[]
        {
            "pxekit_dhcp_received_total", "pxekit_dhcp_ignored_total", "pxekit_dhcp_replies_total", "pxekit_dhcp_replies_dropped_total",
            "pxekit_dhcp_request_to_ack_seconds", "pxekit_lease_store_failures_total", "pxekit_tftp_transfers_started_total",
            "pxekit_tftp_transfers_completed_total", "pxekit_tftp_transfers_failed_total", "pxekit_tftp_refused_total", "pxekit_tftp_bytes_total",
            "pxekit_tftp_transfer_duration_seconds", "pxekit_http_requests_total", "pxekit_http_completed_total", "pxekit_http_failed_total",
            "pxekit_http_bytes_total", "pxekit_verdicts_total", "pxekit_build_info", "pxekit_dhcp_pool_size", "pxekit_dhcp_pool_leased", "pxekit_events_dropped_total",
        })
        {
            Assert.Contains($"# TYPE {name} ", text, StringComparison.Ordinal);
        }

        Assert.Contains($"pxekit_build_info{{version=\"{BootMetrics.Version}\"}} 1\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.1, "0.1")]
    [InlineData(12345678901.0, "12345678901")]
    public void Numbers_are_written_as_prometheus_reads_them(double value, string text) =>
        Assert.Equal(text, PrometheusText.Number(value));

    public void Dispose() => _meter.Dispose();
}
