using System.Diagnostics;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.Http;

/// <summary>What one curl run gave: its exit code, the HTTP status it saw, the headers and the body file.</summary>
internal sealed record CurlResult(int ExitCode, int Status, string Headers, string BodyPath, string Errors)
{
    public byte[] Body => File.Exists(BodyPath) ? File.ReadAllBytes(BodyPath) : [];

    public string? Header(string name) => Headers
        .Split("\r\n")
        .Where(line => line.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
        .Select(line => line[(name.Length + 1)..].Trim())
        .LastOrDefault();
}

/// <summary>Runs the real curl against the test server and kills exactly that process if it overruns.</summary>
internal static class Curl
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>Runs <c>curl -sS -o BODY -D HEADERS -w %{http_code} ARGS... URL</c>.</summary>
    public static async Task<CurlResult> RunAsync(ITestOutputHelper log, string directory, string url, params string[] arguments)
    {
        var id = Guid.NewGuid().ToString("N");
        var body = Path.Combine(directory, $"curl-{id}.body");
        var headers = Path.Combine(directory, $"curl-{id}.headers");
        var info = new ProcessStartInfo("curl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-sS", "--max-time", "14", "-o", body, "-D", headers, "-w", "%{http_code}", .. arguments, url])
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("curl did not start; the integration tests need it (scripts/install-deps.sh).");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"curl {url} ran longer than {Timeout}; killed pid {process.Id}.");
        }

        var status = int.TryParse(await stdout, out var code) ? code : 0;
        var errors = await stderr;
        var headerText = File.Exists(headers) ? await File.ReadAllTextAsync(headers) : "";
        log.WriteLine($"$ curl {string.Join(' ', arguments)} {url} -> exit {process.ExitCode}, status {status}{Environment.NewLine}{headerText}{errors}");
        return new CurlResult(process.ExitCode, status, headerText, body, errors);
    }
}
