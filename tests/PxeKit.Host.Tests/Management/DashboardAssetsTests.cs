using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using PxeKit.Core.Metrics;
using PxeKit.Host.Management;

namespace PxeKit.Host.Tests.Management;

/// <summary>
/// The dashboard's files as the management listener serves them: the page at <c>/</c>, its files under <c>/dashboard/</c>,
/// nothing else; everything the page loads is among them (offline, no other host); the script writes no HTML.
/// </summary>
public sealed partial class DashboardAssetsTests
{
    [Theory]
    [InlineData("/", "text/html; charset=utf-8", "<title>PxeKit</title>")]
    [InlineData("/dashboard/index.html", "text/html; charset=utf-8", "<title>PxeKit</title>")]
    [InlineData("/dashboard/dashboard.js", "text/javascript; charset=utf-8", "\"/api/v1\"")]
    [InlineData("/dashboard/dashboard.css", "text/css; charset=utf-8", "prefers-color-scheme")]
    public void Each_file_is_served_with_its_content_type(string path, string contentType, string excerpt)
    {
        Assert.True(DashboardAssets.TryGet(path, out var body, out var type));

        Assert.Equal(contentType, type);
        Assert.Contains(excerpt, Text(body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/index.html")]
    [InlineData("/dashboard")]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/Dashboard.js")]
    [InlineData("/dashboard/dashboard.js/")]
    [InlineData("/dashboard/../dashboard/dashboard.js")]
    [InlineData("/dashboard//dashboard.js")]
    [InlineData("/dashboard/%64ashboard.js")]
    [InlineData("/dashboard/PxeKit.Host.Management.Dashboard.dashboard.js")]
    [InlineData("/api/v1/status")]
    [InlineData("/metrics")]
    public void Any_other_path_is_not_the_dashboards(string path)
    {
        Assert.False(DashboardAssets.TryGet(path, out var body, out var type));
        Assert.True(body.IsEmpty);
        Assert.Equal("", type);
    }

    [Fact]
    public void Everything_the_page_loads_is_served_here_and_nothing_comes_from_another_host()
    {
        Assert.True(DashboardAssets.TryGet("/", out var page, out _));
        var html = Text(page);
        var loaded = LoadedPath().Matches(html).Select(m => m.Groups["path"].Value).ToList();

        Assert.Equal(["/dashboard/dashboard.css", "/dashboard/dashboard.js"], loaded.Order(StringComparer.Ordinal));
        Assert.All(loaded, path => Assert.True(DashboardAssets.TryGet(path, out _, out _), path));
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
        foreach (var file in new[] { "/", "/dashboard/dashboard.js", "/dashboard/dashboard.css" })
        {
            Assert.True(DashboardAssets.TryGet(file, out var body, out _));
            Assert.DoesNotMatch(@"https?://|url\(|@import", Text(body));
        }
    }

    [Fact]
    public void The_script_puts_what_the_server_says_on_the_page_as_text_never_as_html()
    {
        Assert.True(DashboardAssets.TryGet("/dashboard/dashboard.js", out var script, out _));

        Assert.DoesNotMatch(@"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function", Text(script));
        Assert.Contains("textContent", Text(script), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_is_read_from_the_assembly_once()
    {
        Assert.True(DashboardAssets.TryGet("/dashboard/dashboard.css", out var first, out _));
        Assert.True(DashboardAssets.TryGet("/dashboard/dashboard.css", out var second, out _));

        Assert.True(first.Span == second.Span && !first.IsEmpty);
    }

    [Fact]
    public async Task The_listener_serves_the_page_without_the_token_the_api_asks_for()
    {
        using var metrics = new BootMetrics();
        using var exposition = new PrometheusExposition(metrics.Meter);
        var server = new ManagementServer(new ManagementOptions { Port = 0, Token = "a-token-of-sixteen-or-more" }, exposition, NullLoggerFactory.Instance);
        using var stop = new CancellationTokenSource();
        var running = server.RunAsync(stop.Token);
        using var http = new HttpClient { BaseAddress = new Uri($"http://{server.LocalEndPoint}") };

        using var page = await http.GetAsync(new Uri("/", UriKind.Relative));
        using var script = await http.GetAsync(new Uri("/dashboard/dashboard.js", UriKind.Relative));
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri("/dashboard/dashboard.css", UriKind.Relative)));
        using var posted = await http.PostAsync(new Uri("/", UriKind.Relative), null);
        using var api = await http.GetAsync(new Uri("/api/v1/status", UriKind.Relative));
        using var other = await http.GetAsync(new Uri("/dashboard/other.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html; charset=utf-8", page.Content.Headers.ContentType?.ToString());
        Assert.Contains("<title>PxeKit</title>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(DashboardAssets.ContentSecurityPolicy, page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(DashboardAssets.TryGet("/dashboard/dashboard.js", out var expected, out _));
        Assert.Equal(expected.ToArray(), await script.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, posted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);

        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static string Text(ReadOnlyMemory<byte> body) => Encoding.UTF8.GetString(body.Span);

    [GeneratedRegex(@"<(?:script|link)\b[^>]*?\b(?:src|href)=""(?<path>[^""]+)""")]
    private static partial Regex LoadedPath();
}
