using System.Net;
using System.Text;
using Microsoft.Win32.SafeHandles;
using PxeKit.Core.Interop;
using PxeKit.Server.Boot;

namespace PxeKit.Server.Files;

/// <summary>
/// The templates directory (<c>templates: DIR</c>, a directory under the root): every file whose real path is under it,
/// asked for over TFTP or HTTP by its path under the root, is a <see cref="BootTemplate"/> rendered for the client that
/// asks and served as the text that results. Both servers ask this one place, after the path jail allowed the name.
/// A variable the client has no value for refuses the file (never an empty string); so does a file over
/// <see cref="MaxBytes"/> or not UTF-8.
/// </summary>
public sealed class FileTemplates
{
    /// <summary>Largest template file read: 1 MiB.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>How many files the start-up scan reads at most; more is a configuration error.</summary>
    public const int MaxFiles = 10_000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _prefix;
    private readonly ITemplateVariables _variables;

    /// <param name="root">The root served.</param>
    /// <param name="directory">The templates directory, relative to the root.</param>
    /// <param name="variables">The clients' variables.</param>
    /// <exception cref="DirectoryNotFoundException">The directory is not a directory under the root.</exception>
    public FileTemplates(string root, string directory, ITemplateVariables variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        Directory = Resolve(root, directory, out var error) ?? throw new DirectoryNotFoundException(error);
        _prefix = Directory + "/";
        _variables = variables;
    }

    /// <summary>The templates directory with every symlink resolved.</summary>
    public string Directory { get; }

    /// <summary>Whether a path the jail allowed (a real path) is a template.</summary>
    public bool Covers(string fullPath) => fullPath.StartsWith(_prefix, StringComparison.Ordinal);

    /// <summary>The template at <paramref name="fullPath"/> rendered for the client at <paramref name="client"/>, which asked <paramref name="server"/>.</summary>
    public TemplateRendering Render(string fullPath, IPAddress client, IPAddress? server)
    {
        ArgumentNullException.ThrowIfNull(fullPath);
        ArgumentNullException.ThrowIfNull(client);
        if (Read(fullPath, out var error) is not { } text)
        {
            return TemplateRendering.Refused(error!);
        }

        if (BootTemplate.Names(text, out var syntax) is null)
        {
            return TemplateRendering.Refused($"template: {syntax}");
        }

        var rendered = BootTemplate.Render(text, _variables.For(client, server), out var missing);
        return rendered is null
            ? TemplateRendering.Refused($"template needs {{{{ {missing} }}}}, which PxeKit does not know for {client}")
            : TemplateRendering.Rendered(Encoding.UTF8.GetBytes(rendered));
    }

    /// <summary>
    /// Every mistake of the templates directory <paramref name="directory"/> under <paramref name="root"/>, as at start
    /// and on a reload: it must be a directory under the root, and each file in it (at any depth) a template of at most
    /// <see cref="MaxBytes"/> of UTF-8 whose names are built in or <paramref name="known"/>.
    /// </summary>
    public static IReadOnlyList<string> Check(string root, string directory, Func<string, bool> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        var errors = new List<string>();
        if (Resolve(root, directory, out var wrong) is not { } real)
        {
            errors.Add($"templates: {wrong}");
            return errors;
        }

        var files = 0;
        foreach (var file in Files(real, directory, errors))
        {
            var name = Path.Combine(directory, Path.GetRelativePath(real, file));
            if (++files > MaxFiles)
            {
                errors.Add($"templates: more than {MaxFiles} files under {directory}");
                break;
            }

            if (Read(file, out var error) is not { } text)
            {
                errors.Add($"templates: {name}: {error}");
            }
            else if (BootTemplate.Unknown(text, known, out var syntax) is not { } unknown)
            {
                errors.Add($"templates: {name}: {syntax}");
            }
            else
            {
                errors.AddRange(unknown.Select(n =>
                    $"templates: {name} uses {{{{ {n} }}}}, which is neither built in ({string.Join(", ", BootTemplate.BuiltIn)}) nor in the vars of any profile or group"));
            }
        }

        return errors;
    }

    /// <summary>
    /// The files under <paramref name="real"/>, in order. Symbolic links are left out: the serving rule is the real path, so
    /// a file that is a template is found by its own path, and a link to a file elsewhere is served as that file is.
    /// </summary>
    private static List<string> Files(string real, string directory, List<string> errors)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
            IgnoreInaccessible = false,
        };
        try
        {
            return [.. System.IO.Directory.EnumerateFiles(real, "*", options).Take(MaxFiles + 1).Order(StringComparer.Ordinal)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add($"templates: {directory} cannot be read whole ({ex.Message})");
            return [];
        }
    }

    /// <summary>The real path of the directory, or null with why it is not a directory under the root.</summary>
    private static string? Resolve(string root, string directory, out string? error)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        error = null;
        var realRoot = LibC.RealPath(Path.GetFullPath(root), out _);
        if (Path.IsPathRooted(directory) || directory.Split('/').Contains(".."))
        {
            error = $"'{directory}' must be a directory under the root, named relative to it (like templates)";
            return null;
        }

        var real = realRoot is null ? null : LibC.RealPath(Path.Combine(realRoot, directory), out _);
        if (real is null || !System.IO.Directory.Exists(real))
        {
            error = $"'{directory}' is not a directory under the root {root}";
            return null;
        }

        if (real == realRoot || !real.StartsWith(realRoot + "/", StringComparison.Ordinal))
        {
            error = $"'{directory}' leads outside the root {root}, or is the root itself";
            return null;
        }

        return real;
    }

    /// <summary>The file's text; null with why when it is too large, not UTF-8, not a regular file or not readable.</summary>
    private static string? Read(string path, out string? error)
    {
        // Opened non-blocking, as TFTP opens a file, so a FIFO cannot hang the server; then only a regular file is read.
        var fd = LibC.OpenReadNonBlocking(path, out var errno);
        if (fd < 0)
        {
            error = $"cannot be opened (errno {errno})";
            return null;
        }

        try
        {
            using var handle = new SafeFileHandle(fd, ownsHandle: true);
            using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
            if (!stream.CanSeek)
            {
                error = "not a regular file";
                return null;
            }

            if (stream.Length > MaxBytes)
            {
                error = $"{stream.Length} bytes, and a template is at most {MaxBytes}";
                return null;
            }

            // One byte more than the file had: a file that grew while it was read is not served cut short.
            var buffer = new byte[stream.Length + 1];
            var filled = 0;
            int read;
            while (filled < buffer.Length && (read = stream.Read(buffer, filled, buffer.Length - filled)) > 0)
            {
                filled += read;
            }

            if (filled == buffer.Length)
            {
                error = "the file changed while it was read";
                return null;
            }

            error = null;
            return StrictUtf8.GetString(buffer, 0, filled);
        }
        catch (DecoderFallbackException)
        {
            error = "a template is UTF-8 text, and this file is not";
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = $"cannot be read ({ex.Message})";
            return null;
        }
    }
}
