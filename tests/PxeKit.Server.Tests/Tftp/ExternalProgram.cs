using System.Diagnostics;
using Xunit.Abstractions;

namespace PxeKit.Server.Tests.Tftp;

/// <summary>Runs a real client (tftp-hpa, atftp, curl) and kills exactly that process if it overruns.</summary>
internal static class ExternalProgram
{
    public static async Task<(int ExitCode, string Output)> RunAsync(ITestOutputHelper log, string program, string arguments, TimeSpan timeout, string? standardInput = null)
    {
        var path = Find(program)
            ?? throw new InvalidOperationException($"'{program}' is not installed; the integration tests need it (scripts/install-deps.sh).");
        var info = new ProcessStartInfo(path, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{program} {arguments} ran longer than {timeout}; killed pid {process.Id}.");
        }

        var output = (await stdout) + (await stderr);
        log.WriteLine($"$ {program} {arguments} -> exit {process.ExitCode}{Environment.NewLine}{output}");
        return (process.ExitCode, output);
    }

    private static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
