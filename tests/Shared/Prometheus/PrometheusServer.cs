using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace PxeKit.Tests.Shared;

/// <summary>
/// A real Prometheus (Debian's package) that scrapes one target every second: its configuration and its database in a
/// temporary directory, its web API on 127.0.0.1 on a free port. In a network namespace (a lab's), it runs there, and its
/// API is asked with curl there. Ended by its PID and its directory removed on dispose.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly DirectoryInfo _work;
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly string? _namespace;

    private PrometheusServer(DirectoryInfo work, Process process, Uri api, string? ns)
    {
        _work = work;
        _process = process;
        _namespace = ns;
        _http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(5) };
    }

    /// <summary>What Prometheus wrote (its log), for a failure's message.</summary>
    public string Log => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";

    private string LogPath => Path.Combine(_work.FullName, "prometheus.log");

    /// <summary>
    /// Starts Prometheus scraping <paramref name="target"/>'s <c>/metrics</c> every second, in the network namespace
    /// <paramref name="ns"/> (null: this one), and waits until it is ready.
    /// </summary>
    public static async Task<PrometheusServer> StartAsync(IPEndPoint target, string? ns = null)
    {
        var work = Directory.CreateTempSubdirectory("pxekit-prometheus-");
        // A namespace of its own has its loopback to itself: any port there is free.
        var port = ns is null ? FreePort() : 9090;
        var config = Path.Combine(work.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: pxekit
                static_configs:
                  - targets: ['{target}']
            """);
        var info = new ProcessStartInfo(ns is null ? "prometheus" : "ip")
        {
            ArgumentList =
            {
                $"--config.file={config}",
                $"--storage.tsdb.path={Path.Combine(work.FullName, "data")}",
                $"--web.listen-address=127.0.0.1:{port}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = work.FullName,
        };
        if (ns is not null)
        {
            // ip netns exec runs prometheus in the namespace, in its own process (exec): the PID is Prometheus's.
            foreach (var (at, argument) in new[] { (0, "netns"), (1, "exec"), (2, ns), (3, "prometheus") })
            {
                info.ArgumentList.Insert(at, argument);
            }
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start prometheus");
        var server = new PrometheusServer(work, process, new Uri($"http://127.0.0.1:{port}"), ns);
        process.OutputDataReceived += server.Append;
        process.ErrorDataReceived += server.Append;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Eventually.HoldsAsync(async () => process.HasExited ? throw new InvalidOperationException($"prometheus ended: {server.Log}") : await server.ReadyAsync(), TimeSpan.FromSeconds(30));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>
    /// The value of the one series <paramref name="query"/> gives now (<c>/api/v1/query</c>); null when it gives none.
    /// </summary>
    public async Task<double?> QueryAsync(string query)
    {
        using var json = JsonDocument.Parse(await GetAsync($"/api/v1/query?query={Uri.EscapeDataString(query)}"));
        var data = json.RootElement.GetProperty("data");
        Assert.Equal("vector", data.GetProperty("resultType").GetString());
        var result = data.GetProperty("result");
        return result.GetArrayLength() == 0
            ? null
            : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        lock (_work)
        {
            _work.Delete(recursive: true);
            _work.Refresh();
        }
    }

    private async Task<bool> ReadyAsync()
    {
        try
        {
            await GetAsync("/-/ready");
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>The body of a GET to Prometheus's web API; an <see cref="HttpRequestException"/> when it does not answer 2xx.</summary>
    private async Task<string> GetAsync(string pathAndQuery)
    {
        if (_namespace is null)
        {
            using var response = await _http.GetAsync(new Uri(pathAndQuery, UriKind.Relative));
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync();
        }

        var result = await Sh.InNamespaceAsync(_namespace, TimeSpan.FromSeconds(10), "curl", "-sf", new Uri(_http.BaseAddress!, pathAndQuery).AbsoluteUri);
        return result.ExitCode == 0 ? result.Output : throw new HttpRequestException($"curl {pathAndQuery} in {_namespace}: exit {result.ExitCode}");
    }

    private void Append(object sender, DataReceivedEventArgs line)
    {
        if (line.Data is { } text)
        {
            lock (_work)
            {
                if (_work.Exists)
                {
                    File.AppendAllText(LogPath, text + "\n");
                }
            }
        }
    }

    /// <summary>A TCP port nobody listens on now on 127.0.0.1 (the system's pick, released for Prometheus to take).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
