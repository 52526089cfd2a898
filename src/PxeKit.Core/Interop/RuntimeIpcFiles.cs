namespace PxeKit.Core.Interop;

/// <summary>
/// The files the .NET runtime makes in the temporary directory for the tools that attach to a process, named by its id:
/// <c>dotnet-diagnostic-PID-KEY-socket</c> (the diagnostics server of dotnet-counters and dotnet-trace) and
/// <c>clr-debug-pipe-PID-KEY-in</c> and <c>-out</c> (the debugger's). The runtime removes them when the process ends.
/// </summary>
/// <remarks>
/// A process that leaves root executes itself again (<see cref="Privileges.BecomeAndExecute"/>): the runtime that made the
/// files never ends, and the runtime of the new image, the same process under another user, can neither remove root's
/// files from the sticky temporary directory nor make its own under the same names. Every such start left three files
/// behind. So they are removed before the change of user, and the new runtime makes and removes its own.
/// </remarks>
public static class RuntimeIpcFiles
{
    /// <summary>
    /// Removes the files of process <paramref name="processId"/> from <paramref name="directory"/>, as far as it can:
    /// one it cannot remove is left, as the runtime would have. Returns how many it removed.
    /// </summary>
    public static int RemoveOwn(string directory, int processId)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        int removed = 0;
        foreach (var prefix in (string[])[$"dotnet-diagnostic-{processId}-", $"clr-debug-pipe-{processId}-"])
        {
            try
            {
                // Sockets and pipes are enumerated as files: on Linux everything but a directory is one.
                foreach (var file in Directory.EnumerateFiles(directory, prefix + "*"))
                {
                    try
                    {
                        File.Delete(file);
                        removed++;
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        return removed;
    }
}
