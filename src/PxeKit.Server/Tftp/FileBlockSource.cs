using System.Buffers;
using Microsoft.Win32.SafeHandles;
using PxeKit.Core.Events;
using PxeKit.Core.Interop;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Server.Tftp;

/// <summary>A regular file read with positional reads; the length is fixed when it is opened.</summary>
internal sealed class FileBlockSource : ITftpBlockSource
{
    /// <summary>32 KiB: 22 blocks of 1468 bytes; 500 transfers hold 16 MiB of it.</summary>
    private const int ReadAhead = 32 * 1024;

    private readonly FileStream _stream;

    // FileStream.SafeFileHandle seeks the descriptor to the stream's position each time it is read (a system call per
    // block): the handle is kept once.
    private readonly SafeFileHandle _handle;
    private byte[]? _chunk;
    private long _chunkOffset;
    private int _chunkLength;

    private FileBlockSource(FileStream stream, long length)
    {
        _stream = stream;
        _handle = stream.SafeFileHandle;
        Length = length;
    }

    public long Length { get; }

    /// <summary>Whether the file carries an Authenticode signature, read from its certificate table through the open handle.</summary>
    public ProgramSignature Signature() => Core.Files.ProgramSignatures.Read(_handle, Length);

    /// <summary>
    /// Opens a path the jail allowed. Opened non-blocking so a FIFO cannot hang the transfer, then
    /// refused unless it is seekable (a regular file).
    /// </summary>
    public static FileBlockSource? Open(string path, out TftpRefusal refusal)
    {
        var fd = LibC.OpenReadNonBlocking(path, out var errno);
        if (fd < 0)
        {
            refusal = errno switch
            {
                LibC.ENOENT => new TftpRefusal(TftpErrorCode.FileNotFound, "file not found", FileRefusal.NotFound),
                LibC.EACCES => new TftpRefusal(TftpErrorCode.AccessViolation, "file is not readable", FileRefusal.Unreadable),
                _ => new TftpRefusal(TftpErrorCode.AccessViolation, $"cannot open the file (errno {errno})"),
            };
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
                refusal = new TftpRefusal(TftpErrorCode.AccessViolation, "not a regular file", FileRefusal.Forbidden);
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
    // every block (measured: about half the lock-step throughput at blksize 1468). Small blocks are
    // served from a read-ahead chunk, so 1468-byte blocks cost one read per 22 blocks, not one each.
    public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.Length >= ReadAhead)
        {
            return ValueTask.FromResult(RandomAccess.Read(_handle, buffer.Span, offset));
        }

        if (offset < _chunkOffset || offset >= _chunkOffset + _chunkLength)
        {
            _chunk ??= ArrayPool<byte>.Shared.Rent(ReadAhead);
            _chunkOffset = offset;
            _chunkLength = RandomAccess.Read(_handle, _chunk.AsSpan(0, ReadAhead), offset);
        }

        var available = (int)Math.Min(buffer.Length, _chunkOffset + _chunkLength - offset);
        if (available <= 0)
        {
            return ValueTask.FromResult(0);
        }

        _chunk.AsSpan((int)(offset - _chunkOffset), available).CopyTo(buffer.Span);
        return ValueTask.FromResult(available);
    }

    public void Dispose()
    {
        _stream.Dispose();
        if (_chunk is not null)
        {
            ArrayPool<byte>.Shared.Return(_chunk);
            _chunk = null;
        }
    }
}
