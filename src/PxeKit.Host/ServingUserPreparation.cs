using PxeKit.Core.Files;
using PxeKit.Core.Interop;

namespace PxeKit.Host;

/// <summary>
/// What root does for the user the server will run as, before it leaves root: the lease database's directory and files
/// and the events file are handed to the user (they are the server's own); the boot root is only checked, never
/// handed over: the server only reads it. What cannot be made right is said, all of it, and the server does not start.
/// </summary>
public static class ServingUserPreparation
{
    /// <summary>The files SQLite and the lease lock keep beside the lease database.</summary>
    private static readonly string[] DatabaseSuffixes = ["", "-wal", "-shm", "-journal", ".lock", ".lock.pid"];

    /// <summary>Prepares for <paramref name="user"/>; returns what stops the server from running as it (empty when nothing).</summary>
    public static IReadOnlyList<string> Prepare(ServeSettings settings, UnixUser user, string? eventsPath, string? configPath)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(user);
        var problems = new List<string>();
        if (configPath is not null && !UserAccess.MayRead(user, configPath))
        {
            problems.Add($"the configuration file {configPath} cannot be read by user {user.Name}, whom the server runs as: make it readable (chmod/chgrp), or run with --user root");
        }

        if (!UserAccess.MayRead(user, settings.Root) || !UserAccess.MayEnter(user, settings.Root))
        {
            problems.Add($"the root {settings.Root} cannot be read by user {user.Name}, whom the server runs as: make it readable (chmod o+rx), or run with --user root");
        }

        // A PostgreSQL database (a URL) is the database server's to keep; its passfile must be readable by the user.
        if (settings.LeaseDb != ":memory:" && !Server.Leases.Postgres.PostgresLocation.IsUrl(settings.LeaseDb))
        {
            PrepareDatabase(Path.GetFullPath(settings.LeaseDb), user, problems);
        }

        if (eventsPath is not null and not "-")
        {
            PrepareEvents(Path.GetFullPath(eventsPath), user, problems);
        }

        return problems;
    }

    /// <summary>The database's directory is the server's state: created for the user, or handed to it when it holds nothing else.</summary>
    private static void PrepareDatabase(string database, UnixUser user, List<string> problems)
    {
        var directory = Path.GetDirectoryName(database)!;
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
            Give(directory, user, problems);
        }
        else if (!UserAccess.MayWrite(user, directory))
        {
            var ours = DatabaseSuffixes.Select(s => database + s).ToHashSet(StringComparer.Ordinal);
            if (Directory.EnumerateFileSystemEntries(directory).All(ours.Contains))
            {
                Give(directory, user, problems);
            }
            else
            {
                problems.Add($"the lease database's directory {directory} cannot be written by user {user.Name}, whom the server runs as, and holds other files than the database: "
                    + "give it to that user (chown), choose a directory of its own with --lease-db, or run with --user root");
                return;
            }
        }

        foreach (var file in DatabaseSuffixes.Select(s => database + s).Where(File.Exists))
        {
            if (Privileges.Owner(file, out _) is { } owner && owner.Uid != user.Uid)
            {
                Give(file, user, problems);
            }
        }
    }

    /// <summary>The events file is the server's output: created for the user, or handed to it.</summary>
    private static void PrepareEvents(string events, UnixUser user, List<string> problems)
    {
        var directory = Path.GetDirectoryName(events)!;
        if (!Directory.Exists(directory) || !UserAccess.MayEnter(user, directory))
        {
            problems.Add($"the events file {events} cannot be reached by user {user.Name}, whom the server runs as: choose a directory it can enter, or run with --user root");
            return;
        }

        // Shared, not File.Create's exclusive lock: a reader that follows the file may open it the moment it exists.
        using (new FileStream(events, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
        {
        }

        if (!UserAccess.MayWrite(user, events))
        {
            Give(events, user, problems);
        }
    }

    private static void Give(string path, UnixUser user, List<string> problems)
    {
        var errno = Privileges.GiveTo(path, user);
        if (errno != 0)
        {
            problems.Add($"{path} cannot be given to user {user.Name} (errno {errno})");
        }
    }
}
