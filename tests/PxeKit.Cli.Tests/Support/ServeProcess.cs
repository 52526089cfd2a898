using System.Diagnostics;
using System.Text;

namespace PxeKit.Cli.Tests.Support;

/// <summary>A real <c>pxekit serve</c> process started in a namespace; killed by its PID on dispose.</summary>
internal sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private ServeProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string PxekitDll => Path.Combine(AppContext.BaseDirectory, "pxekit.dll");

    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    public string Error
    {
        get { lock (_error) { return _error.ToString(); } }
    }

    public bool HasExited => _process.HasExited;

    public int Id => _process.Id;

    /// <summary>Starts <c>pxekit serve ARGS</c> in the namespace and waits until both listeners are up.</summary>
    public static async Task<ServeProcess> StartAsync(string ns, params string[] arguments)
    {
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["netns", "exec", ns, "dotnet", PxekitDll, "serve", .. arguments])
        {
            info.ArgumentList.Add(a);
        }

        var serve = new ServeProcess(Process.Start(info)!);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!serve.Error.Contains("DHCP listening", StringComparison.Ordinal) || !serve.Error.Contains("TFTP listening", StringComparison.Ordinal))
        {
            if (serve.HasExited || DateTime.UtcNow > deadline)
            {
                var why = serve.HasExited ? $"exited with {serve._process.ExitCode}" : "did not start in 20 s";
                await serve.DisposeAsync();
                throw new InvalidOperationException($"pxekit serve {why}: {serve.Error}");
            }

            await Task.Delay(100);
        }

        return serve;
    }

    /// <summary>SIGTERM, as systemctl stop sends it; returns the exit status, or null if the process outlived <paramref name="timeout"/>.</summary>
    public async Task<int?> TerminateAsync(TimeSpan timeout)
    {
        await Sh.RunAsync("kill", "-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>SIGKILL: no chance to flush or close anything, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }
}
