using System.Runtime.InteropServices;
using System.Text;

namespace PxeKit.Server.Files;

/// <summary>
/// The few libc calls the path jail needs and .NET does not offer: a symlink-resolving
/// <c>realpath</c> and a non-blocking <c>open</c> (a FIFO in the root must not hang a server).
/// Linux only; errno values are the same on x86_64 and arm64.
/// </summary>
internal static class LibC
{
    public const int ENOENT = 2;
    public const int EACCES = 13;
    public const int ENOTDIR = 20;
    public const int ENAMETOOLONG = 36;
    public const int ELOOP = 40;

    private const int PathMax = 4096;
    private const int ReadOnlyFlag = 0;        // O_RDONLY
    private const int NonBlockFlag = 0x800;    // O_NONBLOCK (04000, same value on x86_64 and arm64)
    private const int CloseOnExecFlag = 0x80000; // O_CLOEXEC (02000000)
    private const int ReadableMode = 4;        // R_OK

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

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr NativeRealPath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] resolved);

    [DllImport("libc", EntryPoint = "access", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NativeAccess([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NativeOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
}
