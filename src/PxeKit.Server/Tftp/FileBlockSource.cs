using Microsoft.Win32.SafeHandles;
using PxeKit.Protocol.Tftp;
using PxeKit.Server.Files;

namespace PxeKit.Server.Tftp;

/// <summary>A regular file read with positional reads; the length is fixed when it is opened.</summary>
internal sealed class FileBlockSource : ITftpBlockSource
{
    private readonly FileStream _stream;

    private FileBlockSource(FileStream stream, long length)
    {
        _stream = stream;
        Length = length;
    }

    public long Length { get; }

    /// <summary>
    /// Opens a path the jail allowed. Opened non-blocking so a FIFO cannot hang the transfer, then
    /// refused unless it is seekable (a regular file).
    /// </summary>
    public static FileBlockSource? Open(string path, out TftpRefusal refusal)
    {
        var fd = LibC.OpenReadNonBlocking(path, out var errno);
        if (fd < 0)
        {
            refusal = errno == LibC.ENOENT
                ? new TftpRefusal(TftpErrorCode.FileNotFound, "file not found")
                : new TftpRefusal(TftpErrorCode.AccessViolation, $"cannot open the file (errno {errno})");
            return null;
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        FileStream? stream = null;
        try
        {
            // The stream owns the handle from here on; it is only used to ask whether the file seeks.
            stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
            if (!stream.CanSeek)
            {
                stream.Dispose();
                refusal = new TftpRefusal(TftpErrorCode.AccessViolation, "not a regular file");
                return null;
            }

            refusal = default;
            return new FileBlockSource(stream, RandomAccess.GetLength(handle));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            if (stream is null)
            {
                handle.Dispose();
            }
            else
            {
                stream.Dispose();
            }

            refusal = new TftpRefusal(TftpErrorCode.NotDefined, $"cannot read the file: {ex.Message}");
            return null;
        }
    }

    // Boot files are read again and again and sit in the page cache: a positional read on the calling
    // thread is one system call, where the asynchronous form hops to the thread pool and back for
    // every block (measured: about half the lock-step throughput at blksize 1468).
    public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken) =>
        ValueTask.FromResult(RandomAccess.Read(_stream.SafeFileHandle, buffer.Span, offset));

    public void Dispose() => _stream.Dispose();
}
