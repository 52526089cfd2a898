using System.Security.Cryptography;
using PxeKit.Core.Interop;

namespace PxeKit.Server.Files;

/// <summary>
/// An upload received under a hidden name beside its target (<c>.NAME.pxekit-partial-RANDOM</c>) and
/// renamed into place only once complete, never over an existing file. Until then nothing appears under
/// the target name; whatever ends the upload early, <see cref="Discard"/> (or disposing) removes the
/// partial file.
/// </summary>
internal sealed class PartialFile : IDisposable
{
    /// <summary>What every partial file's name contains.</summary>
    public const string Marker = ".pxekit-partial-";

    // File names are at most 255 bytes (NAME_MAX): the target's name is cut so the hidden one fits.
    private const int MaxTargetNameInTempName = 200;
    private const int RandomLength = 12;

    private readonly FileStream _stream;
    private bool _committed;
    private bool _discarded;

    private PartialFile(string targetPath, string tempPath, FileStream stream)
    {
        TargetPath = targetPath;
        TempPath = tempPath;
        _stream = stream;
    }

    public string TargetPath { get; }

    public string TempPath { get; }

    /// <summary>Bytes written so far.</summary>
    public long Length { get; private set; }

    /// <summary>
    /// Creates the hidden file beside <paramref name="targetPath"/> (mode 0644 less the umask), refusing
    /// to follow or reuse anything already there.
    /// </summary>
    /// <exception cref="IOException">The file cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory is not writable.</exception>
    public static PartialFile Create(string targetPath)
    {
        var directory = Path.GetDirectoryName(targetPath) ?? throw new ArgumentException("The target has no directory.", nameof(targetPath));
        var name = Path.GetFileName(targetPath);
        var hidden = "." + name[..Math.Min(name.Length, MaxTargetNameInTempName)] + Marker + RandomNumberGenerator.GetHexString(RandomLength, lowercase: true);
        var tempPath = Path.Combine(directory, hidden);
        var stream = new FileStream(tempPath, new FileStreamOptions
        {
            Mode = FileMode.CreateNew, // O_CREAT | O_EXCL: never an existing file, never through a link
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        });
        return new PartialFile(targetPath, tempPath, stream);
    }

    /// <summary>Whether anything (a file, a directory, a link even if dangling) has the path's name.</summary>
    public static bool Exists(string path) => Path.Exists(path) || new FileInfo(path).LinkTarget is not null;

    /// <summary>Appends bytes.</summary>
    /// <exception cref="IOException">The disk is full or the write failed.</exception>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        Length += bytes.Length;
    }

    /// <summary>
    /// Flushes to disk and renames into place without replacing anything. 0 on success, else the errno
    /// (<see cref="LibC.EEXIST"/> when the target appeared during the upload); the partial file is then
    /// still there for <see cref="Discard"/>.
    /// </summary>
    /// <exception cref="IOException">The flush failed.</exception>
    public int Commit()
    {
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        var errno = LibC.RenameNoReplace(TempPath, TargetPath);
        _committed = errno == 0;
        return errno;
    }

    /// <summary>Removes the partial file unless it was committed; null, or why it could not be removed.</summary>
    public string? Discard()
    {
        if (_committed || _discarded)
        {
            return null;
        }

        _discarded = true;
        _stream.Dispose();
        try
        {
            File.Delete(TempPath);
            return null;
        }
        catch (IOException ex)
        {
            return ex.Message;
        }
        catch (UnauthorizedAccessException ex)
        {
            return ex.Message;
        }
    }

    public void Dispose() => Discard();
}
