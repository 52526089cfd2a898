namespace PxeKit.Core.Processes;

/// <summary>How a finished command ended and what it printed.</summary>
public sealed record CommandResult(Command Command, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws <see cref="CommandException"/> unless the command exited with 0.</summary>
    public CommandResult ThrowIfFailed(string whatFailed)
    {
        if (!Succeeded)
        {
            throw CommandException.From(whatFailed, this);
        }

        return this;
    }
}
