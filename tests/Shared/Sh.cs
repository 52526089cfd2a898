using System.Diagnostics;

namespace PxeKit.Tests.Shared;

/// <summary>Runs a program to completion with a time limit; the test fails if it hangs.</summary>
internal static class Sh
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string All => Output + Error;
    }

    public static async Task<Result> RunAsync(string file, IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in time");
        }

        return new Result(process.ExitCode, await output, await error);
    }

    public static Task<Result> RunAsync(string file, params string[] arguments) => RunAsync(file, arguments, null);

    /// <summary>Runs and requires exit status 0.</summary>
    public static async Task<Result> CheckAsync(string file, params string[] arguments)
    {
        var result = await RunAsync(file, arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Error}");
        }

        return result;
    }

    /// <summary>Runs a program inside a network namespace.</summary>
    public static Task<Result> InNamespaceAsync(string ns, TimeSpan timeout, params string[] command) =>
        RunAsync("ip", ["netns", "exec", ns, .. command], timeout);
}
