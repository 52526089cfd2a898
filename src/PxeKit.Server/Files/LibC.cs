using System.Runtime.InteropServices;
using System.Text;

namespace PxeKit.Server.Files;

/// <summary>
/// The few libc calls the path jail needs and .NET does not offer: a symlink-resolving
/// <c>realpath</c>, a non-blocking <c>open</c> (a FIFO in the root must not hang a server) and a
/// rename that never replaces an existing file.
/// Linux only; errno values are the same on x86_64 and arm64.
/// </summary>
internal static class LibC
{
    public const int ENOENT = 2;
    public const int EACCES = 13;
    public const int EEXIST = 17;
    public const int ENOTDIR = 20;
    public const int EINVAL = 22;
    public const int ENOSYS = 38;
    public const int EOPNOTSUPP = 95;
    public const int ENAMETOOLONG = 36;
    public const int ELOOP = 40;

    private const int PathMax = 4096;
    private const int ReadOnlyFlag = 0;        // O_RDONLY
    private const int NonBlockFlag = 0x800;    // O_NONBLOCK (04000, same value on x86_64 and arm64)
    private const int CloseOnExecFlag = 0x80000; // O_CLOEXEC (02000000)
    private const int ReadableMode = 4;        // R_OK
    private const int CurrentDirectory = -100; // AT_FDCWD
    private const uint NoReplaceFlag = 1;      // RENAME_NOREPLACE

    /// <summary>The canonical absolute path with every symlink resolved, or the errno.</summary>
    public static string? RealPath(string path, out int errno)
    {
        var buffer = new byte[PathMax + 1];
        var result = NativeRealPath(path, buffer);
        if (result == IntPtr.Zero)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }

        errno = 0;
        var length = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, length < 0 ? buffer.Length : length);
    }

    /// <summary>Whether the calling process may read the file (root may read everything).</summary>
    public static bool CanRead(string path) => NativeAccess(path, ReadableMode) == 0;

    /// <summary>Opens for reading without blocking on FIFOs; -1 and the errno on failure.</summary>
    public static int OpenReadNonBlocking(string path, out int errno)
    {
        var fd = NativeOpen(path, ReadOnlyFlag | NonBlockFlag | CloseOnExecFlag);
        errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return fd;
    }

    /// <summary>
    /// Renames <paramref name="from"/> to <paramref name="to"/> unless <paramref name="to"/> exists (then
    /// EEXIST), atomically: renameat2 with RENAME_NOREPLACE, or, on a file system without that flag,
    /// link and unlink, which fails the same way. 0 on success, else the errno.
    /// </summary>
    public static int RenameNoReplace(string from, string to)
    {
        if (NativeRenameAt2(CurrentDirectory, from, CurrentDirectory, to, NoReplaceFlag) == 0)
        {
            return 0;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno is not (EINVAL or ENOSYS or EOPNOTSUPP))
        {
            return errno;
        }

        if (NativeLink(from, to) != 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        // The file is in place under its new name; the old name is only a second link to it.
        _ = NativeUnlink(from);
        return 0;
    }

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr NativeRealPath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] resolved);

    [DllImport("libc", EntryPoint = "access", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NativeAccess([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NativeOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NativeRenameAt2(int fromDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string from, int toDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string to, uint flags);

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NativeLink([MarshalAs(UnmanagedType.LPUTF8Str)] string from, [MarshalAs(UnmanagedType.LPUTF8Str)] string to);

    [DllImport("libc", EntryPoint = "unlink", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NativeUnlink([MarshalAs(UnmanagedType.LPUTF8Str)] string path);
}
