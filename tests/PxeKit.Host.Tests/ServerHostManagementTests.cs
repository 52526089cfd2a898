using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PxeKit.Core.Metrics;
using PxeKit.Host.Management;

namespace PxeKit.Host.Tests;

/// <summary>The host with its metrics and management listener (issue 15): <c>/metrics</c> answers while it serves, and nothing is left bound after.</summary>
public sealed class ServerHostManagementTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("pxekit-host-management-");

    [HostFact]
    public async Task The_management_listener_serves_the_hosts_metrics_and_closes_with_the_host()
    {
        using var metrics = new BootMetrics();
        var settings = LoopbackSettings.TftpOnly(_root.FullName) with { Management = new ManagementOptions { Port = 0 } };
        var host = new ServerHost(settings, [], NullLoggerFactory.Instance) { Metrics = metrics };
        await host.StartAsync(CancellationToken.None);
        var endPoint = host.ManagementEndPoint;
        Assert.NotNull(endPoint);

        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri($"http://{endPoint}/metrics"));

        Assert.Contains("pxekit_build_info", text, StringComparison.Ordinal);
        await host.DisposeAsync();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetStringAsync(new Uri($"http://{endPoint}/metrics")));
    }

    [HostFact]
    public async Task A_management_port_in_use_stops_the_host_at_start_with_the_address()
    {
        using var holder = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        using var metrics = new BootMetrics();
        var settings = LoopbackSettings.TftpOnly(_root.FullName) with { Management = new ManagementOptions { Port = port } };
        await using var host = new ServerHost(settings, [], NullLoggerFactory.Instance) { Metrics = metrics };

        var e = await Assert.ThrowsAsync<IOException>(() => host.StartAsync(CancellationToken.None));
        Assert.Contains($"127.0.0.1:{port}", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Delete(recursive: true);
}
