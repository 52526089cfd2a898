using System.Net;
using PxeKit.Cli.Tests.Support;
using PxeKit.Core.Processes;
using PxeKit.Lab.Fixtures;
using PxeKit.Lab.Qemu;
using Xunit.Abstractions;

namespace PxeKit.Cli.Tests.EndToEnd;

/// <summary>
/// Issue 15's metrics as an operator sees them: a real Prometheus (Debian's) scrapes <c>pxekit serve</c> while a SeaBIOS +
/// iPXE VM boots from it in the lab, and its query API then has the boot's DHCP and TFTP series.
/// </summary>
[Collection(QemuCollection.Name)]
[Trait("Category", "E2E")]
public sealed class PrometheusBootTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Ns = "pxkt-e2e-prom";
    private const string Bridge = "pxkte2eprbr";
    private const string Tap = "pxkte2eprtap";
    private const int ManagementPort = 9715;
    private readonly string _work = Directory.CreateTempSubdirectory("pxekit-e2e-prom-").FullName;

    public async Task InitializeAsync()
    {
        await TapBridge.CreateAsync(Ns, Bridge, Tap, "10.49.7.1/24");
    }

    public async Task DisposeAsync()
    {
        await Sh.RunAsync("ip", "netns", "del", Ns);
        Directory.Delete(_work, recursive: true);
    }

    [HostFact(Programs = ["prometheus", "curl"])]
    public async Task Prometheus_scraping_a_lab_boot_has_its_dhcp_and_tftp_series()
    {
        var fixtures = await new FixtureBuilder(new FixtureOptions(), new ProcessCommandRunner()).EnsureAsync();
        await using var serve = await ServeProcess.StartAsync(Ns,
            "--interface", Bridge, "--root", fixtures.Directory, "--bootfile", BootFixture.BootFileName,
            "--dhcp-range", "10.49.7.100-10.49.7.120", "--lease-db", Path.Combine(_work, "leases.db"),
            "--management-port", ManagementPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var prometheus = await PrometheusServer.StartAsync(new IPEndPoint(IPAddress.Loopback, ManagementPort), Ns);
        await Eventually.HoldsAsync(async () => await prometheus.QueryAsync("up{job=\"pxekit\"}") == 1, TimeSpan.FromSeconds(30));

        var result = await new QemuRunner(new NullJournal()).RunAsync(new QemuOptions
        {
            Namespace = Ns,
            Tap = Tap,
            SerialLogPath = Path.Combine(_work, "serial.log"),
            Timeout = TimeSpan.FromSeconds(150),
        });
        Assert.True(result.Succeeded, $"{result.Summary}\n{string.Join('\n', result.LastLines)}\n--- serve:\n{serve.Output}{serve.Error}");

        // What the journal says happened is what Prometheus shows, once it has scraped after the boot.
        var completed = serve.Events.Count(e => e.Step == Core.Events.BootStep.TftpComplete);
        Assert.True(completed >= 3, $"boot program, kernel and initrd over TFTP: {completed}");
        await Eventually.HoldsAsync(
            async () => await prometheus.QueryAsync("pxekit_tftp_transfers_completed_total{job=\"pxekit\",op=\"read\"}") == completed,
            TimeSpan.FromSeconds(30));
        Assert.True(await prometheus.QueryAsync("pxekit_dhcp_replies_total{type=\"Ack\"}") >= 1);
        Assert.True(await prometheus.QueryAsync("pxekit_dhcp_received_total{type=\"Discover\"}") >= 1);
        Assert.Equal(
            serve.Events.Where(e => e.Step == Core.Events.BootStep.TftpComplete).Sum(e => e.Bytes ?? 0),
            await prometheus.QueryAsync("pxekit_tftp_bytes_total{op=\"read\"}"));
        foreach (var query in new[] { "pxekit_tftp_transfers_completed_total{op=\"read\"}", "pxekit_tftp_bytes_total{op=\"read\"}", "pxekit_dhcp_replies_total{type=\"Ack\"}", "pxekit_dhcp_received_total{type=\"Discover\"}", "pxekit_dhcp_pool_leased" })
        {
            output.WriteLine($"{query} = {await prometheus.QueryAsync(query)}");
        }

        // Each address acknowledged is leased (the firmware's iPXE and the booted kernel may each take one).
        var leased = serve.Events.Where(e => e.Step == Core.Events.BootStep.DhcpAck).Select(e => e.Address).Distinct().Count();
        Assert.Equal(leased, await prometheus.QueryAsync("pxekit_dhcp_pool_leased"));
    }
}
