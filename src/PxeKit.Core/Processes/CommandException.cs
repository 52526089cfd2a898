namespace PxeKit.Core.Processes;

/// <summary>
/// An external program the lab needs failed or is missing. The message is one sentence a user can act on:
/// what the lab was doing, the command, its exit code and the tail of its standard error.
/// </summary>
public sealed class CommandException : Exception
{
    private const int TailLength = 400;

    public CommandException()
    {
    }

    public CommandException(string message)
        : base(message)
    {
    }

    public CommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static CommandException From(string whatFailed, CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var tail = Tail(result.StandardError);
        if (tail.Length == 0)
        {
            tail = Tail(result.StandardOutput);
        }

        var said = tail.Length == 0 ? "it printed nothing" : $"it said: {tail}";
        return new CommandException(
            $"{whatFailed} failed: `{result.Command.ToShell()}` exited with code {result.ExitCode}; {said}");
    }

    private static string Tail(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length > TailLength)
        {
            trimmed = "..." + trimmed[^TailLength..];
        }

        return trimmed.ReplaceLineEndings(" | ");
    }
}
