using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace PxeKit.Core.Interop;

/// <summary>
/// Leaving root for a user that keeps a few capabilities, and the look-ups that go with it (users, groups, owners).
/// </summary>
/// <remarks>
/// Linux keeps capabilities per thread, and the .NET runtime has several threads before <c>Main</c>: a setuid and
/// capset in place would leave the other threads privileged or strip the wrong ones. So the process changes user on the
/// calling thread (glibc applies the new ids to every thread; <c>PR_SET_KEEPCAPS</c> keeps this thread's permitted
/// set), narrows this thread's sets to the capabilities asked for, raises them as ambient, and executes itself again:
/// exec replaces every thread, and the new image runs as the user with exactly those capabilities in each of them, the
/// state systemd's <c>User=</c> with <c>AmbientCapabilities=</c> produces.
/// </remarks>
public static partial class Privileges
{
    private const string Library = "libc";

    private const int PrSetKeepCaps = 8;              // PR_SET_KEEPCAPS
    private const int PrCapAmbient = 47;              // PR_CAP_AMBIENT
    private const int PrCapAmbientRaise = 2;          // PR_CAP_AMBIENT_RAISE
    private const uint CapabilityVersion3 = 0x20080522; // _LINUX_CAPABILITY_VERSION_3: two 32-bit words per set
    private const int CurrentDirectory = -100;        // AT_FDCWD
    private const uint StatxBasicStats = 0x7ff;       // STATX_BASIC_STATS
    private const int StatxSize = 256;                // sizeof(struct statx)
    private const int StatxUidOffset = 20;
    private const int StatxGidOffset = 24;
    private const int StatxModeOffset = 28;
    private const ushort FileTypeMask = 0xF000;       // S_IFMT
    private const ushort DirectoryType = 0x4000;      // S_IFDIR
    private const int PasswdUidOffset = 16;           // struct passwd on LP64: two pointers, then pw_uid, pw_gid
    private const int PasswdGidOffset = 20;

    /// <summary>Whether the process runs with root's effective user id.</summary>
    public static bool IsRoot => NativeGetEffectiveUid() == 0;

    /// <summary>The user named <paramref name="name"/> (or given by number) in the passwd database, or null.</summary>
    public static UnixUser? LookUp(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var entry = NativeGetPasswdByName(name);
        if (entry == IntPtr.Zero && uint.TryParse(name, out var uid))
        {
            entry = NativeGetPasswdByUid(uid);
        }

        if (entry == IntPtr.Zero)
        {
            return null;
        }

        var found = Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(entry)) ?? name;
        var userId = (uint)Marshal.ReadInt32(entry, PasswdUidOffset);
        var groupId = (uint)Marshal.ReadInt32(entry, PasswdGidOffset);
        return new UnixUser(found, userId, groupId, GroupsOf(found, groupId));
    }

    /// <summary>Owner, group and mode of <paramref name="path"/> (symlinks followed), or null and the errno.</summary>
    public static FileOwnership? Owner(string path, out int errno)
    {
        var buffer = new byte[StatxSize];
        if (NativeStatx(CurrentDirectory, path, 0, StatxBasicStats, buffer) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return null;
        }

        errno = 0;
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(StatxModeOffset));
        return new FileOwnership(
            BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(StatxUidOffset)),
            BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(StatxGidOffset)),
            (UnixFileMode)(mode & 0xFFF),
            (mode & FileTypeMask) == DirectoryType);
    }

    /// <summary>Gives <paramref name="path"/> to <paramref name="user"/> and its primary group; 0 or the errno.</summary>
    public static int GiveTo(string path, UnixUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return NativeChown(path, user.Uid, user.Gid) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>
    /// Becomes <paramref name="user"/> with only <paramref name="keep"/>, as ambient capabilities, by executing this
    /// program again (its own binary, its own arguments, the environment plus <paramref name="marker"/>). Returns only
    /// when that failed, with the step and errno as a sentence; the process may have left root by then and must exit.
    /// </summary>
    public static string BecomeAndExecute(UnixUser user, IReadOnlyCollection<Capability> keep, KeyValuePair<string, string> marker)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(keep);

        // Read while /proc/self is still readable: leaving root makes the process undumpable, its /proc files root's.
        var arguments = File.ReadAllBytes("/proc/self/cmdline");
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(e => (string)e.Key != marker.Key)
            .Select(e => $"{e.Key}={e.Value}")
            .Append($"{marker.Key}={marker.Value}")
            .ToList();
        Console.Out.Flush();
        Console.Error.Flush();

        // As root still: the runtime's files for diagnostics tools, which the new image could neither remove nor remake.
        RuntimeIpcFiles.RemoveOwn(Path.GetTempPath(), Environment.ProcessId);

        uint mask = 0;
        foreach (var capability in keep)
        {
            mask |= 1u << (int)capability;
        }

        if (NativePrctl(PrSetKeepCaps, 1, 0, 0, 0) != 0)
        {
            return Failed("prctl(PR_SET_KEEPCAPS)");
        }

        var groups = user.Groups.ToArray();
        if (NativeSetGroups(groups.Length, groups) != 0)
        {
            return Failed("setgroups");
        }

        if (NativeSetResGid(user.Gid, user.Gid, user.Gid) != 0)
        {
            return Failed("setresgid");
        }

        if (NativeSetResUid(user.Uid, user.Uid, user.Uid) != 0)
        {
            return Failed("setresuid");
        }

        var header = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(header, CapabilityVersion3);
        var data = new byte[24]; // two __user_cap_data_struct: effective, permitted, inheritable; the second for caps 32-63
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(0), mask);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(4), mask);
        BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(8), mask);
        if (NativeCapSet(header, data) != 0)
        {
            return Failed("capset");
        }

        foreach (var capability in keep)
        {
            if (NativePrctl(PrCapAmbient, PrCapAmbientRaise, (nuint)capability, 0, 0) != 0)
            {
                return Failed($"prctl(PR_CAP_AMBIENT_RAISE, {capability})");
            }
        }

        return Execute(Split(arguments), environment);
    }

    /// <summary>The capabilities as <c>capabilities(7)</c> names them: CAP_NET_BIND_SERVICE, ...</summary>
    public static string Describe(Capability capability) => capability switch
    {
        Capability.NetBindService => "CAP_NET_BIND_SERVICE",
        Capability.NetAdmin => "CAP_NET_ADMIN",
        Capability.NetRaw => "CAP_NET_RAW",
        _ => $"capability {(int)capability}",
    };

    private static string Execute(IReadOnlyList<string> arguments, IReadOnlyList<string> environment)
    {
        var argv = Pointers(arguments);
        var envp = Pointers(environment);
        try
        {
            _ = NativeExecve("/proc/self/exe", argv, envp);
            return Failed("execve(/proc/self/exe)");
        }
        finally
        {
            foreach (var pointer in argv.Concat(envp))
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }

    /// <summary>A NULL-terminated array of UTF-8 strings.</summary>
    private static IntPtr[] Pointers(IReadOnlyList<string> strings) =>
        [.. strings.Select(Marshal.StringToCoTaskMemUTF8), IntPtr.Zero];

    /// <summary>/proc/self/cmdline: the arguments, each ended by a NUL.</summary>
    private static List<string> Split(byte[] commandLine) =>
        [.. Encoding.UTF8.GetString(commandLine).TrimEnd('\0').Split('\0')];

    private static string Failed(string step) =>
        $"{step} failed (errno {Marshal.GetLastPInvokeError()}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())})";

    private static uint[] GroupsOf(string user, uint primary)
    {
        var count = 64;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var groups = new uint[count];
            var found = count;
            if (NativeGetGroupList(user, primary, groups, ref found) >= 0)
            {
                return [primary, .. groups.Take(found).Where(g => g != primary)];
            }

            count = Math.Max(found, count * 2);
        }

        return [primary];
    }

    // The native calls: libc's, declared once here.

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "geteuid")]
    private static partial uint NativeGetEffectiveUid();

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "getpwnam", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr NativeGetPasswdByName(string name);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "getpwuid")]
    private static partial IntPtr NativeGetPasswdByUid(uint uid);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "getgrouplist", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeGetGroupList(string user, uint group, [Out] uint[] groups, ref int count);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeStatx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeChown(string path, uint uid, uint gid);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "prctl", SetLastError = true)]
    private static partial int NativePrctl(int option, nuint argument2, nuint argument3, nuint argument4, nuint argument5);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "setgroups", SetLastError = true)]
    private static partial int NativeSetGroups(nint size, uint[] groups);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "setresgid", SetLastError = true)]
    private static partial int NativeSetResGid(uint real, uint effective, uint saved);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "setresuid", SetLastError = true)]
    private static partial int NativeSetResUid(uint real, uint effective, uint saved);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "capset", SetLastError = true)]
    private static partial int NativeCapSet(byte[] header, byte[] data);

    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [LibraryImport(Library, EntryPoint = "execve", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeExecve(string path, IntPtr[] arguments, IntPtr[] environment);
}
