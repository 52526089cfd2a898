using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PxeKit.Core.Events;
using PxeKit.Core.Metrics;
using PxeKit.Host.Management;

namespace PxeKit.Host.Tests.Management;

/// <summary>
/// The metrics end to end: a real host embedded in the test with the metrics among its sinks, the management listener on
/// 127.0.0.1, a real Prometheus scraping it every second, a real TFTP client (tftp-hpa) fetching a file, and the transfer
/// read back from Prometheus's query API.
/// </summary>
public sealed class PrometheusScrapeTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("pxekit-metrics-");

    // Root: the TFTP listener is bound to its interface (SO_BINDTODEVICE needs CAP_NET_RAW).
    [HostFact(Programs = ["tftp", "prometheus"])]
    public async Task Prometheus_scrapes_the_management_listener_and_sees_the_tftp_transfer()
    {
        var content = new byte[70_000];
        new Random(15).NextBytes(content);
        await File.WriteAllBytesAsync(Path.Combine(_root.FullName, "boot.bin"), content);
        using var metrics = new BootMetrics();
        using var exposition = new PrometheusExposition(metrics.Meter);
        var management = new ManagementServer(new ManagementOptions { Address = IPAddress.Loopback, Port = 0 }, exposition, NullLoggerFactory.Instance);
        using var stop = new CancellationTokenSource();
        var serving = management.RunAsync(stop.Token);
        var journal = new RecordingSink();
        await using var host = new ServerHost(LoopbackSettings.TftpOnly(_root.FullName), [metrics, journal], NullLoggerFactory.Instance);
        await host.StartAsync(CancellationToken.None);
        await using var prometheus = await PrometheusServer.StartAsync(management.LocalEndPoint!);
        try
        {
            // Scraped before the transfer: the series Prometheus then shows are the transfer's, not a leftover.
            await Eventually.HoldsAsync(async () => await prometheus.QueryAsync("up{job=\"pxekit\"}") == 1, TimeSpan.FromSeconds(30));
            Assert.Null(await prometheus.QueryAsync("pxekit_tftp_transfers_completed_total"));

            var destination = Path.Combine(_root.FullName, "fetched.bin");
            var port = host.TftpEndPoint!.Port.ToString(CultureInfo.InvariantCulture);
            var fetch = await Sh.RunAsync("tftp", "-m", "binary", "127.0.0.1", port, "-c", "get", "boot.bin", destination);
            Assert.True(fetch.ExitCode == 0, fetch.All);
            await Eventually.HoldsAsync(() => journal.Events.Any(e => e.Step == BootStep.TftpComplete));

            await Eventually.HoldsAsync(
                async () => await prometheus.QueryAsync("pxekit_tftp_transfers_completed_total{job=\"pxekit\",op=\"read\"}") == 1,
                TimeSpan.FromSeconds(30));
            Assert.Equal(content.Length, await prometheus.QueryAsync("pxekit_tftp_bytes_total{op=\"read\"}"));
            Assert.Equal(1, await prometheus.QueryAsync("pxekit_tftp_transfers_started_total{op=\"read\"}"));
            Assert.Equal(1, await prometheus.QueryAsync("pxekit_tftp_transfer_duration_seconds_count{op=\"read\"}"));
            Assert.Equal(0, metrics.Failures);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException($"{e.Message}\nPrometheus said:\n{prometheus.Log}", e);
        }
        finally
        {
            await stop.CancelAsync();
            await serving.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    public void Dispose() => _root.Delete(recursive: true);
}
