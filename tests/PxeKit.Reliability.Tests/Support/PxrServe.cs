using System.Diagnostics;
using System.Text;

namespace PxeKit.Reliability.Tests.Support;

/// <summary>A real <c>pxekit serve</c> (dotnet pxekit.dll) in a namespace; SIGKILLed by its PID on dispose.</summary>
internal sealed class PxrServe : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private PxrServe(Process process)
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

    /// <summary>Starts <c>pxekit serve ARGS</c> in the namespace and waits until its listeners are up.</summary>
    public static async Task<PxrServe> StartAsync(string ns, bool dhcp, params string[] arguments)
    {
        // ip netns exec execs dotnet in place, so the PID we hold is the server's own.
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["netns", "exec", ns, "dotnet", PxekitDll, "serve", .. arguments])
        {
            info.ArgumentList.Add(a);
        }

        var serve = new PxrServe(Process.Start(info)!);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((dhcp && !serve.Error.Contains("DHCP listening", StringComparison.Ordinal)) || !serve.Error.Contains("TFTP listening", StringComparison.Ordinal))
        {
            if (serve.HasExited || DateTime.UtcNow > deadline)
            {
                var why = serve.HasExited ? $"exited with {serve._process.ExitCode}" : "did not start in 30 s";
                await serve.DisposeAsync();
                throw new InvalidOperationException($"pxekit serve {why}: {serve.Error}");
            }

            await Task.Delay(100);
        }

        return serve;
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
