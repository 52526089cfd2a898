namespace PxeKit.Core.Processes;

/// <summary>Runs short-lived external commands; the lab's only way to change the system.</summary>
public interface ICommandRunner
{
    /// <summary>
    /// True when commands are only shown, not run: callers then skip queries (their answers would be empty)
    /// and show the changes they would make to a lab that exists in full.
    /// </summary>
    bool DryRun { get; }

    /// <summary>
    /// Runs <paramref name="command"/> to completion. A non-zero exit is returned, not thrown; a program
    /// that cannot be started at all throws <see cref="CommandException"/>.
    /// </summary>
    Task<CommandResult> RunAsync(Command command, CancellationToken cancellationToken = default);
}
