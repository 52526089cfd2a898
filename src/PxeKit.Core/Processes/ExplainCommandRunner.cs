namespace PxeKit.Core.Processes;

/// <summary>
/// Runs nothing: writes each command as a shell line, so a user sees what the lab would do (<c>--explain</c>).
/// Every command "succeeds" with empty output.
/// </summary>
public sealed class ExplainCommandRunner(TextWriter output) : ICommandRunner
{
    public bool DryRun => true;

    public Task<CommandResult> RunAsync(Command command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        output.WriteLine(command.ToShell());
        return Task.FromResult(new CommandResult(command, 0, "", ""));
    }
}
