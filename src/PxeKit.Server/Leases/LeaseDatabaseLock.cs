using System.Globalization;

namespace PxeKit.Server.Leases;

/// <summary>
/// One server per lease database: an exclusive lock on <c>DB.lock</c> beside it, held while the server runs, and the
/// holder's PID in <c>DB.lock.pid</c>. Two servers on one SQLite file would each trust their own view of the pool and hand out the
/// same address twice. Readers (<c>pxekit leases</c>) do not take it.
/// </summary>
public sealed class LeaseDatabaseLock : IDisposable
{
    private readonly FileStream _file;
    private readonly string _pidPath;

    private LeaseDatabaseLock(FileStream file, string pidPath)
    {
        _file = file;
        _pidPath = pidPath;
    }

    /// <summary>Takes the lock of <paramref name="database"/>; throws <see cref="LeaseDatabaseInUseException"/> when another process holds it.</summary>
    public static LeaseDatabaseLock Take(string database)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        var path = database + ".lock";
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        FileStream file;
        try
        {
            // FileShare.None is an exclusive flock on Linux: the kernel drops it when the process dies, however it dies,
            // so a crashed server never leaves its database locked.
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException))
        {
            throw new LeaseDatabaseInUseException(database, Holder(path + ".pid"));
        }

        // The holder's PID beside the lock, in a file of its own: the lock file itself cannot be read while it is held.
        File.WriteAllText(path + ".pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        return new LeaseDatabaseLock(file, path + ".pid");
    }

    /// <summary>The PID the holder wrote, when it can be read.</summary>
    private static int? Holder(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Removes the PID file, then lets the lock go (the empty lock file stays, as lock files do).</summary>
    public void Dispose()
    {
        File.Delete(_pidPath);
        _file.Dispose();
    }
}
