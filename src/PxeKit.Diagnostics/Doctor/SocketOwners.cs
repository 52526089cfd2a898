using System.Globalization;

namespace PxeKit.Diagnostics.Doctor;

/// <summary>Which process holds a socket: every <c>/proc/PID/fd</c> link of the form <c>socket:[INODE]</c>, with the process name.</summary>
public static class SocketOwners
{
    /// <summary>Inode to owner for every socket some process holds; processes that cannot be read are skipped.</summary>
    public static IReadOnlyDictionary<long, SocketOwner> Read()
    {
        var owners = new Dictionary<long, SocketOwner>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }

            try
            {
                SocketOwner? owner = null;
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(dir, "fd")))
                {
                    var target = new FileInfo(fd).LinkTarget;
                    if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)
                        && long.TryParse(target.AsSpan(8, target.Length - 9), NumberStyles.Integer, CultureInfo.InvariantCulture, out long inode))
                    {
                        owner ??= new SocketOwner(pid, NameOf(dir));
                        owners.TryAdd(inode, owner);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked, or is not ours to read.
            }
        }

        return owners;
    }

    /// <summary>The process name; PxeKit runs as <c>dotnet pxekit.dll</c>, so its command line names it.</summary>
    private static string NameOf(string dir)
    {
        var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
        if (commandLine.Take(3).Any(a => Path.GetFileName(a) is "pxekit" or "pxekit.dll"))
        {
            return "pxekit";
        }

        return File.ReadAllText(Path.Combine(dir, "comm")).Trim();
    }
}
