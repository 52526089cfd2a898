using System.Buffers;
using Microsoft.Win32.SafeHandles;
using PxeKit.Core.Events;
using PxeKit.Core.Interop;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Server.Tftp;

/// <summary>A regular file read with positional reads; the length is fixed when it is opened.</summary>
internal sealed class FileBlockSource : ITftpBlockSource
{
    /// <summary>
    /// 8 KiB: 5 blocks of 1468 bytes; 500 transfers hold 4 MiB of it. The 200 downloads of scripts/bench/memory.sh held
    /// 6.25 MB of 32 KiB chunks: the AOT serve's peak RSS was 48.8 MB with them and 41.2-42.8 MB with 8 KiB, run in turn
    /// (38.2 MB with the 1 MiB gen0 budget of PxeKit.Cli.csproj). An 8 MiB download at 1468 reads 1,144 times instead of
    /// 260: no cost seen beyond this loaded machine's noise (server CPU for the 200 downloads 15.4-16.8 s against
    /// 14.7-15.4; a single download 0.129-0.132 s at best against 0.128; docs/benchmarks.md, "Memory (issue 19)").
    /// </summary>
    internal const int ReadAhead = 8 * 1024;

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
    // served from a read-ahead chunk, so 1468-byte blocks cost one read per 5 blocks, not one each.
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
