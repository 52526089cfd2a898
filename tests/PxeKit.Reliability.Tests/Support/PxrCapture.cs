using System.Diagnostics;
using System.Globalization;

namespace PxeKit.Reliability.Tests.Support;

/// <summary>tcpdump writing a pcap inside a namespace; stopped with SIGINT by its PID so the file is complete.</summary>
internal sealed class PxrCapture : IAsyncDisposable
{
    private readonly Process _process;

    private PxrCapture(Process process, string path)
    {
        _process = process;
        Path = path;
    }

    public string Path { get; }

    public static async Task<PxrCapture> StartAsync(string ns, string nic, string path, string filter)
    {
        PxrTools.Require("tcpdump", "tcpdump");
        var info = new ProcessStartInfo("ip") { RedirectStandardError = true, RedirectStandardOutput = true };
        // -U: write each packet as it comes, so a capture stopped at any time holds what was seen.
        foreach (var a in (string[])["netns", "exec", ns, "tcpdump", "-i", nic, "-n", "-U", "-s", "0", "-w", path, .. filter.Split(' ')])
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info)!;
        var capture = new PxrCapture(process, path);
        var started = new TaskCompletionSource();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("listening on", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        if (await Task.WhenAny(started.Task, Task.Delay(TimeSpan.FromSeconds(10))) != started.Task)
        {
            await capture.DisposeAsync();
            throw new InvalidOperationException("tcpdump did not start listening in 10 s");
        }

        return capture;
    }

    /// <summary>Stops tcpdump (SIGINT, so it flushes) and waits for it.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            await Sh.RunAsync("kill", "-INT", _process.Id.ToString(CultureInfo.InvariantCulture));
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }
    }

    /// <summary>How many packets of the stopped capture match a tcpdump filter.</summary>
    public async Task<int> CountAsync(string filter)
    {
        var result = await Sh.RunAsync("tcpdump", ["-n", "-r", Path, .. filter.Split(' ')], TimeSpan.FromSeconds(30));
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }
}
