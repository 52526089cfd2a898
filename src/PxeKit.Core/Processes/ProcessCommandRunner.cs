using System.ComponentModel;
using System.Diagnostics;

namespace PxeKit.Core.Processes;

/// <summary>
/// Runs commands for real, with <see cref="ProcessStartInfo.ArgumentList"/> (never a shell). When given an
/// echo writer it also prints each command, as <c>set -x</c> would.
/// </summary>
public sealed class ProcessCommandRunner(TextWriter? echo = null) : ICommandRunner
{
    public bool DryRun => false;

    public async Task<CommandResult> RunAsync(Command command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        echo?.WriteLine("+ " + command.ToShell());
        using var process = new Process { StartInfo = StartInfo(command) };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new CommandException(
                $"Could not start `{command.ToShell()}`: {e.Message} (is the program installed? see scripts/install-deps.sh)", e);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CommandResult(command, process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    /// <summary>Start information with redirected streams and the arguments passed one by one.</summary>
    public static ProcessStartInfo StartInfo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var startInfo = new ProcessStartInfo(command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = command.WorkingDirectory ?? "",
        };
        foreach (var argument in command.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Tools such as apt print translated or decorated text otherwise; the lab parses some of it.
        startInfo.Environment["LC_ALL"] = "C";
        return startInfo;
    }
}
