using PxeKit.Core.Interop;

namespace PxeKit.Core.Files;

/// <summary>
/// What another user may do with a path, judged by the mode bits of the file and of every directory on the way to it
/// (as the kernel judges it; ACLs are not read). Root, which may do everything, asks this about the user it serves as.
/// </summary>
public static class UserAccess
{
    /// <summary>Whether <paramref name="user"/> may open <paramref name="path"/> for reading.</summary>
    public static bool MayRead(UnixUser user, string path) =>
        Allows(user, path, UnixFileMode.UserRead, UnixFileMode.GroupRead, UnixFileMode.OtherRead);

    /// <summary>Whether <paramref name="user"/> may enter the directory <paramref name="path"/> (and reach what is in it).</summary>
    public static bool MayEnter(UnixUser user, string path) =>
        Allows(user, path, UnixFileMode.UserExecute, UnixFileMode.GroupExecute, UnixFileMode.OtherExecute);

    /// <summary>Whether <paramref name="user"/> may write <paramref name="path"/> (for a directory: create files in it).</summary>
    public static bool MayWrite(UnixUser user, string path)
    {
        var directory = LibC.RealPath(Path.GetFullPath(path), out _) is { } real && Directory.Exists(real);
        return Allows(user, path, UnixFileMode.UserWrite, UnixFileMode.GroupWrite, UnixFileMode.OtherWrite)
            && (!directory || MayEnter(user, path));
    }

    private static bool Allows(UnixUser user, string path, UnixFileMode owner, UnixFileMode group, UnixFileMode other)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsRoot)
        {
            return true;
        }

        var real = LibC.RealPath(Path.GetFullPath(path), out _);
        if (real is null)
        {
            return false;
        }

        // Every directory on the way must let the user through (search, x).
        for (var directory = Path.GetDirectoryName(real); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (!Permits(user, directory, UnixFileMode.UserExecute, UnixFileMode.GroupExecute, UnixFileMode.OtherExecute))
            {
                return false;
            }
        }

        return Permits(user, real, owner, group, other);
    }

    private static bool Permits(UnixUser user, string path, UnixFileMode owner, UnixFileMode group, UnixFileMode other)
    {
        if (Privileges.Owner(path, out _) is not { } found)
        {
            return false;
        }

        var bit = found.Uid == user.Uid ? owner : user.Groups.Contains(found.Gid) ? group : other;
        return (found.Mode & bit) != 0;
    }
}
