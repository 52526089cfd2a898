using PxeKit.Core.Interop;

namespace PxeKit.Server.Files;

/// <summary>
/// Maps a requested file name (TFTP or HTTP) to a readable regular file inside the root, or refuses it.
/// A name that is fine but names nothing is <see cref="PathVerdict.NotFound"/>; every trick (parent
/// segments, drive letters, control characters, symlinks that leave the root, directories) is a
/// <see cref="PathVerdict.Violation"/>. Each server maps the verdict to its own error.
/// </summary>
/// <remarks>
/// A leading '/' (or '\\') does not make a name absolute: it is read relative to the root.
/// Symlinks inside the root are allowed, at any component, as long as the fully resolved path (libc
/// <c>realpath</c>) stays inside the resolved root. The file is later opened by its resolved path, so a
/// link swapped after the check can only matter if someone can already write into the root.
/// </remarks>
public sealed class PathJail
{
    private readonly string _rootPrefix;

    /// <summary>Creates a jail over an existing directory.</summary>
    /// <param name="root">The directory served.</param>
    /// <param name="maxNameLength">Longest requested name judged at all; longer ones are violations.</param>
    /// <exception cref="DirectoryNotFoundException">The root does not exist or is not a directory.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNameLength"/> is not positive.</exception>
    public PathJail(string root, int maxNameLength)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNameLength);
        var real = LibC.RealPath(Path.GetFullPath(root), out _);
        if (real is null || !Directory.Exists(real))
        {
            throw new DirectoryNotFoundException($"The root '{root}' does not exist or is not a directory.");
        }

        Root = real;
        MaxNameLength = maxNameLength;
        _rootPrefix = real.EndsWith('/') ? real : real + "/";
    }

    /// <summary>The root with every symlink resolved.</summary>
    public string Root { get; }

    /// <summary>Longest requested name that is judged on its merits.</summary>
    public int MaxNameLength { get; }

    /// <summary>
    /// Decides about one requested name of a file to read. The name is the request's bytes decoded as
    /// Latin-1 (for HTTP: after percent-decoding), so every byte is one character and nothing is lost
    /// before it is judged.
    /// </summary>
    public PathJailResult Resolve(string requested)
    {
        var refusal = Split(requested, out var segments);
        if (refusal is not null)
        {
            return PathJailResult.Violation(refusal);
        }

        var candidate = _rootPrefix + string.Join('/', segments);
        var real = LibC.RealPath(candidate, out var errno);
        if (real is null)
        {
            return Unresolved(errno, candidate, "file not found");
        }

        if (!IsInside(real))
        {
            return PathJailResult.Violation("symlink leads outside the root");
        }

        if (Directory.Exists(real))
        {
            return PathJailResult.Violation("names a directory");
        }

        if (!LibC.CanRead(real))
        {
            return PathJailResult.Unreadable("file is not readable");
        }

        return PathJailResult.Allow(real);
    }

    /// <summary>
    /// Decides about the name of a file to create (an upload). The name is judged as by
    /// <see cref="Resolve"/>; then its directory must already exist inside the root (no directory is ever
    /// created: a missing one is <see cref="PathVerdict.NotFound"/>) and the name must not be a directory.
    /// Allowed gives the real directory joined with the last segment; a file or link may already be
    /// there, and the caller must not overwrite it.
    /// </summary>
    public PathJailResult ResolveNew(string requested)
    {
        var refusal = Split(requested, out var segments);
        if (refusal is not null)
        {
            return PathJailResult.Violation(refusal);
        }

        var directory = segments.Count == 1 ? Root : _rootPrefix + string.Join('/', segments.Take(segments.Count - 1));
        var real = LibC.RealPath(directory, out var errno);
        if (real is null)
        {
            return Unresolved(errno, directory, "directory not found");
        }

        if (real != Root && !IsInside(real))
        {
            return PathJailResult.Violation("symlink leads outside the root");
        }

        if (!Directory.Exists(real))
        {
            return PathJailResult.NotFound("directory not found");
        }

        var full = (real == Root ? _rootPrefix : real + "/") + segments[^1];
        return Directory.Exists(full) ? PathJailResult.Violation("names a directory") : PathJailResult.Allow(full);
    }

    // The checks on the name itself: the reason it is a violation, or null and its segments.
    private string? Split(string requested, out List<string> segments)
    {
        ArgumentNullException.ThrowIfNull(requested);
        segments = [];
        if (requested.Length == 0)
        {
            return "empty file name";
        }

        if (requested.Length > MaxNameLength)
        {
            return $"file name longer than {MaxNameLength} characters";
        }

        foreach (var c in requested)
        {
            // Printable ASCII only: no NUL, no control characters, no bytes above 0x7E (which would be
            // decoded differently by the file system than they were judged here).
            if (c is < ' ' or > '~')
            {
                return "control or non-ASCII character in the file name";
            }
        }

        // Windows-style PXE clients (WDS boot programs, some UEFI builds) send backslashes as separators,
        // so '\' is read as '/'. A literal backslash in a file name under the root cannot be served.
        //
        // Leading slashes are dropped: "/pxelinux.0" is read relative to the root, as tftpd-hpa --secure
        // and dnsmasq read it, because many DHCP configurations write filename "/pxelinux.0" (and every
        // HTTP path starts with one). A name is thus never a host path: "/etc/passwd" means ROOT/etc/passwd,
        // found only if it exists under the root. Everything below still applies to what is left.
        var name = requested.Replace('\\', '/').TrimStart('/');
        if (name.Length >= 2 && name[1] == ':' && char.IsAsciiLetter(name[0]))
        {
            return "drive letter path";
        }

        foreach (var segment in name.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                return "parent directory segment '..'";
            }

            if (segment != ".")
            {
                segments.Add(segment);
            }
        }

        return segments.Count == 0 ? "names the root directory" : null;
    }

    // realpath failed: a missing path inside the root is not found, anything else is a violation.
    private PathJailResult Unresolved(int errno, string candidate, string notFoundReason) => errno switch
    {
        LibC.ENOENT or LibC.ENOTDIR => MissingFile(candidate, notFoundReason),
        LibC.EACCES => PathJailResult.Unreadable("permission denied on the path"),
        LibC.ELOOP => PathJailResult.Violation("symlink loop"),
        LibC.ENAMETOOLONG => PathJailResult.Violation("resolved path too long"),
        _ => PathJailResult.Violation($"path cannot be resolved (errno {errno})"),
    };

    private bool IsInside(string real) => real.StartsWith(_rootPrefix, StringComparison.Ordinal);

    // A missing file is only "not found" if the part of the path that does exist stays in the root.
    // Otherwise "dir-linked-to-/etc/nothing" would say "not found" while "dir-linked-to-/etc/passwd"
    // says "access violation", and the difference would tell a client what exists outside the root.
    private PathJailResult MissingFile(string candidate, string notFoundReason)
    {
        if (new FileInfo(candidate).LinkTarget is not null)
        {
            return PathJailResult.Violation("dangling symlink");
        }

        var parent = Path.GetDirectoryName(candidate);
        while (!string.IsNullOrEmpty(parent))
        {
            var real = LibC.RealPath(parent, out _);
            if (real is not null)
            {
                return real == Root || IsInside(real) ? PathJailResult.NotFound(notFoundReason) : PathJailResult.Violation("symlink leads outside the root");
            }

            parent = Path.GetDirectoryName(parent);
        }

        return PathJailResult.NotFound(notFoundReason);
    }
}
