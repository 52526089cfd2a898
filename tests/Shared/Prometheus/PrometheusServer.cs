using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace PxeKit.Host.Tests.Management;

/// <summary>
/// A real Prometheus (Debian's package) that scrapes one target every second: its configuration and its database in a
/// temporary directory, its web API on 127.0.0.1 on a free port. Ended by its PID and its directory removed on dispose.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly DirectoryInfo _work;
    private readonly Process _process;
    private readonly HttpClient _http;

    private PrometheusServer(DirectoryInfo work, Process process, Uri api)
    {
        _work = work;
        _process = process;
        _http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(5) };
    }

    /// <summary>What Prometheus wrote (its log), for a failure's message.</summary>
    public string Log => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";

    private string LogPath => Path.Combine(_work.FullName, "prometheus.log");

    /// <summary>Starts Prometheus scraping <paramref name="target"/>'s <c>/metrics</c> every second, and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(IPEndPoint target)
    {
        var work = Directory.CreateTempSubdirectory("pxekit-prometheus-");
        var port = FreePort();
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
        var info = new ProcessStartInfo("prometheus")
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
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start prometheus");
        var server = new PrometheusServer(work, process, new Uri($"http://127.0.0.1:{port}"));
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
        using var response = await _http.GetAsync(new Uri($"/api/v1/query?query={Uri.EscapeDataString(query)}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
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
            using var response = await _http.GetAsync(new Uri("/-/ready", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
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
