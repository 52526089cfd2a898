using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using PxeKit.Core.Events;
using PxeKit.Core.Metrics;
using PxeKit.Host.Management;

namespace PxeKit.Host.Tests.Management;

/// <summary>The management listener over a real socket on loopback: GET /metrics, 404 and 405, loopback only, nothing left bound.</summary>
public sealed class ManagementServerTests : IDisposable
{
    private readonly BootMetrics _metrics = new();
    private readonly PrometheusExposition _exposition;

    public ManagementServerTests() => _exposition = new PrometheusExposition(_metrics.Meter);

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.0.2.1")]
    [InlineData("::")]
    public void An_address_beyond_loopback_is_refused_until_the_listener_has_a_token(string address)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new ManagementServer(new ManagementOptions { Address = IPAddress.Parse(address), Port = 0 }, _exposition, NullLoggerFactory.Instance));

        Assert.Contains($"{address} is not a loopback address", e.Message, StringComparison.Ordinal);
        Assert.Contains("bearer token", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_out_of_range_is_refused_with_the_other_mistakes()
    {
        var errors = new ManagementOptions { Address = IPAddress.Any, Port = 70_000 }.Validate();

        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public async Task Metrics_are_served_on_loopback_in_the_text_format_and_nothing_stays_bound_after_stopping()
    {
        var server = new ManagementServer(new ManagementOptions { Port = 0 }, _exposition, NullLoggerFactory.Instance);
        using var stop = new CancellationTokenSource();
        var running = server.RunAsync(stop.Token);
        var endPoint = server.LocalEndPoint;
        Assert.NotNull(endPoint);
        Assert.Equal(IPAddress.Loopback, endPoint.Address);
        Assert.NotEqual(0, endPoint.Port);
        _metrics.Write(new BootEvent
        {
            Time = DateTimeOffset.UnixEpoch,
            Step = BootStep.TftpRequest,
            Tftp = new TftpFacts { Opcode = PxeKit.Protocol.Tftp.TftpOpcode.ReadRequest },
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://{endPoint}") };

        using var metrics = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var missing = await http.GetAsync(new Uri("/nothing-here", UriKind.Relative));
        using var posted = await http.PostAsync(new Uri("/metrics", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", metrics.Content.Headers.ContentType?.ToString());
        Assert.Contains("pxekit_tftp_transfers_started_total{op=\"read\"} 1\n", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, posted.StatusCode);

        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = Assert.Throws<SocketException>(() => probe.Connect(endPoint));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public void A_port_in_use_is_said_from_RunAsync()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var taken = ((IPEndPoint)holder.LocalEndpoint).Port;
        var server = new ManagementServer(new ManagementOptions { Port = taken }, _exposition, NullLoggerFactory.Instance);

        var e = Assert.Throws<IOException>(() => { _ = server.RunAsync(CancellationToken.None); }); // it binds before it returns its task

        Assert.Contains($"127.0.0.1:{taken}", e.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _exposition.Dispose();
        _metrics.Dispose();
    }
}
