using System.Diagnostics;
using PxeKit.Core.Processes;

namespace PxeKit.Tests.Shared;

/// <summary>A long-running helper (dnsmasq, tcpdump, dhcrelay) whose output goes to a file; ended by its PID on dispose.</summary>
internal sealed class BackgroundProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _pump;

    private BackgroundProcess(Process process, string outputPath)
    {
        _process = process;
        OutputPath = outputPath;
        _pump = PumpAsync(process, outputPath);
    }

    public string OutputPath { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output => File.Exists(OutputPath) ? File.ReadAllText(OutputPath) : "";

    public static BackgroundProcess Start(Command command, string outputPath)
    {
        var process = new Process { StartInfo = ProcessCommandRunner.StartInfo(command) };
        process.Start();
        process.StandardInput.Close();
        return new BackgroundProcess(process, outputPath);
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; fails the test after <paramref name="timeout"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(_process.HasExited, $"{_process.StartInfo.FileName} ended early: {Output}");
            Assert.True(DateTime.UtcNow < deadline, $"'{text}' did not appear within {timeout}: {Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Ends the process gently (SIGTERM by PID, so tcpdump flushes its file), then waits.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        await _pump;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await _pump;
        _process.Dispose();
    }

    private static async Task PumpAsync(Process process, string outputPath)
    {
        await using var output = new StreamWriter(outputPath) { AutoFlush = true };
        var error = CopyAsync(process.StandardError, output);
        await CopyAsync(process.StandardOutput, output);
        await error;
    }

    private static async Task CopyAsync(StreamReader reader, StreamWriter output)
    {
        string? line;
        while ((line = await reader.ReadLineAsync()) is not null)
        {
            lock (output)
            {
                output.WriteLine(line);
            }
        }
    }
}
