using System.Runtime.InteropServices;
using System.Text;

namespace PxeKit.Core.Interop;

/// <summary>
/// The libc calls PxeKit needs and .NET does not offer, all in one place: for the path jail a
/// symlink-resolving <c>realpath</c>, a non-blocking <c>open</c> (a FIFO in the root must not hang a
/// server) and a rename that never replaces an existing file; for <see cref="Epoll"/> the epoll,
/// eventfd and non-blocking recv calls; for <see cref="LibPcap"/> the end-of-file flag of a stdio stream. Linux only; errno values are the same on x86_64 and arm64.
/// </summary>
public static partial class LibC
{
    public const int ENOENT = 2;
    public const int EACCES = 13;
    public const int EEXIST = 17;
    public const int ENOTDIR = 20;
    public const int EIO = 5;
    public const int ENODEV = 19;
    public const int EADDRNOTAVAIL = 99;
    public const int EINVAL = 22;
    public const int EMSGSIZE = 90;
    public const int ENOSYS = 38;
    public const int EOPNOTSUPP = 95;
    public const int ENAMETOOLONG = 36;
    public const int ELOOP = 40;

    private const string Library = "libc";

    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int ENETUNREACH = 101;
    public const int ECONNREFUSED = 111;
    public const int EHOSTUNREACH = 113;

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

    /// <summary>
    /// The index of the interface named <paramref name="name"/> in the calling thread's network namespace
    /// (if_nametoindex(3)), or 0 when there is none. Unlike <c>NetworkInterface</c>, which reads /sys, it asks the
    /// kernel through a socket, so it sees the namespace the thread is in.
    /// </summary>
    public static uint InterfaceIndex(string name) => NativeIfNameToIndex(name);

    /// <summary>
    /// Moves the calling thread into the network namespace open as <paramref name="namespaceDescriptor"/>
    /// (setns(2), CLONE_NEWNET): sockets it opens from then on belong to that namespace, whatever thread uses them
    /// afterwards. Returns the errno, 0 on success. For tests and embedders that serve inside a namespace.
    /// </summary>
    public static int EnterNetworkNamespace(int namespaceDescriptor) =>
        NativeSetNs(namespaceDescriptor, NewNetworkNamespaceFlag) == 0 ? 0 : Marshal.GetLastPInvokeError();

    private const int NewNetworkNamespaceFlag = 0x40000000; // CLONE_NEWNET

    /// <summary>
    /// The first IPv4 address of the interface named <paramref name="name"/> (SIOCGIFADDR on a datagram socket, in the
    /// calling thread's network namespace), as the big-endian number the wire carries. Returns the errno, 0 on success:
    /// EADDRNOTAVAIL when the interface has no IPv4 address, ENODEV when there is no such interface. Nothing is allocated.
    /// </summary>
    public static int InterfaceIPv4Address(string name, out uint address)
    {
        ArgumentNullException.ThrowIfNull(name);
        address = 0;
        Span<byte> request = stackalloc byte[InterfaceRequestLength];
        request.Clear();
        if (name.Length == 0 || System.Text.Encoding.UTF8.GetByteCount(name) >= InterfaceNameLength)
        {
            return ENODEV;
        }

        System.Text.Encoding.UTF8.GetBytes(name, request);
        int socket = NativeSocket(InternetFamily, DatagramSocket | CloseOnExecFlag, 0);
        if (socket < 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        try
        {
            if (NativeIoctl(socket, GetInterfaceAddressRequest, ref MemoryMarshal.GetReference(request)) != 0)
            {
                return Marshal.GetLastPInvokeError();
            }
        }
        finally
        {
            Close(socket);
        }

        // struct ifreq: the name (16 bytes), then a struct sockaddr_in: family, port, address.
        address = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(request[(InterfaceNameLength + 4)..]);
        return 0;
    }

    private const int InterfaceNameLength = 16;        // IFNAMSIZ
    private const int InterfaceRequestLength = 40;     // sizeof(struct ifreq) on x86_64 and arm64
    private const int InternetFamily = 2;              // AF_INET
    private const int DatagramSocket = 2;              // SOCK_DGRAM
    private const nuint GetInterfaceAddressRequest = 0x8915; // SIOCGIFADDR

    // The native calls. Every libc function PxeKit calls is declared here, once.

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "if_nametoindex", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial uint NativeIfNameToIndex(string name);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "setns", SetLastError = true)]
    private static partial int NativeSetNs(int descriptor, int type);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr NativeRealPath(string path, [Out] byte[] resolved);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeAccess(string path, int mode);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeOpen(string path, int flags);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeRenameAt2(int fromDirectory, string from, int toDirectory, string to, uint flags);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeLink(string from, string to);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "unlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeUnlink(string path);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "epoll_create1", SetLastError = true)]
    internal static partial int EpollCreate1(int flags);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "epoll_ctl", SetLastError = true)]
    internal static partial int EpollCtl(int epoll, int operation, int descriptor, byte[] eventBytes);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "epoll_wait", SetLastError = true)]
    internal static partial int EpollWait(int epoll, [Out] byte[] events, int maxEvents, int timeoutMs);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "eventfd", SetLastError = true)]
    internal static partial int EventFd(uint initial, int flags);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int descriptor, [Out] byte[] buffer, nint count);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int descriptor, byte[] buffer, nint count);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "recv", SetLastError = true)]
    internal static partial nint Recv(SafeHandle socket, [Out] byte[] buffer, nint length, int flags);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "socket", SetLastError = true)]
    private static partial int NativeSocket(int domain, int type, int protocol);

    // ioctl(2) is variadic; its one argument here is a pointer, passed as the third integer argument on x86_64 and arm64.
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    private static partial int NativeIoctl(int descriptor, nuint request, ref byte argument);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int descriptor);

    /// <summary>Non-zero when a read on the stdio stream has come to the end of its file.</summary>
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "feof")]
    internal static partial int EndOfFile(IntPtr stream);
}
