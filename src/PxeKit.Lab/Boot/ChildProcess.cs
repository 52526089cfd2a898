using System.Diagnostics;
using System.Text;
using PxeKit.Core.Processes;

namespace PxeKit.Lab.Boot;

/// <summary>A long-running child (the lab's server) whose output is kept, and which is ended by its PID.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _error = new();

    private ChildProcess(Process process)
    {
        _process = process;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_error)
                {
                    _error.AppendLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static ChildProcess Start(Command command)
    {
        var info = ProcessCommandRunner.StartInfo(command);
        info.RedirectStandardInput = false;
        return new ChildProcess(Process.Start(info) ?? throw new CommandException($"Could not start `{command.ToShell()}`."));
    }

    /// <summary>Waits until standard error has every one of <paramref name="lines"/>, the process exits, or the time is up.</summary>
    public async Task<bool> WaitForAsync(IReadOnlyList<string> lines, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!lines.All(l => Error.Contains(l, StringComparison.Ordinal)))
        {
            if (HasExited || DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It ended between the check and the kill.
            }
        }

        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        _process.Dispose();
    }
}
