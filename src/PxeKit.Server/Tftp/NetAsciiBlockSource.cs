using System.Buffers;
using PxeKit.Core.Collections;

namespace PxeKit.Server.Tftp;

/// <summary>
/// A file sent in netascii (RFC 764 as RFC 1350 uses it): LF becomes CR LF and a bare CR becomes CR NUL.
/// Converted block by block as the transfer reads it, never held whole: the length (the tsize answer) is
/// counted by one pass over the file when it is opened, and a read is converted from the position the
/// previous read ended at. A window sent again restarts from a position a recent read began at.
/// </summary>
internal sealed class NetAsciiBlockSource : ITftpBlockSource
{
    /// <summary>Raw bytes read from the file at a time.</summary>
    private const int ChunkLength = 4096;

    /// <summary>Read starts remembered: a full window of 64 blocks sent again finds its start among them.</summary>
    private const int MarksKept = 128;

    private readonly ITftpBlockSource _raw;
    private readonly byte[] _chunk = new byte[ChunkLength];
    private readonly RecentQueue<Position> _marks = new(MarksKept);
    private Position _cursor = Position.Start;

    private NetAsciiBlockSource(ITftpBlockSource raw, long length)
    {
        _raw = raw;
        Length = length;
    }

    /// <summary>Bytes after conversion.</summary>
    public long Length { get; }

    /// <summary>Counts the converted length of the file; the source owns <paramref name="raw"/> from here on.</summary>
    public static async Task<NetAsciiBlockSource> OpenAsync(ITftpBlockSource raw, CancellationToken cancellationToken)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkLength);
        try
        {
            long offset = 0, length = 0;
            while (offset < raw.Length)
            {
                var read = await raw.ReadAsync(offset, chunk.AsMemory(0, ChunkLength), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read + CountLineEnds(chunk.AsSpan(0, read));
                offset += read;
            }

            return new NetAsciiBlockSource(raw, length);
        }
        catch
        {
            raw.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (offset >= Length || buffer.IsEmpty)
        {
            return 0;
        }

        if (offset != _cursor.Output)
        {
            await SeekAsync(offset, cancellationToken).ConfigureAwait(false);
        }

        _marks.Add(_cursor);
        return await ConvertAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _raw.Dispose();

    /// <summary>The bytes a conversion adds: one per LF (CR LF) and one per CR (CR NUL).</summary>
    internal static int CountLineEnds(ReadOnlySpan<byte> raw) => raw.Count((byte)'\n') + raw.Count((byte)'\r');

    // From the nearest remembered position at or before the offset (or the start), converted bytes are
    // thrown away up to the offset.
    private async ValueTask SeekAsync(long offset, CancellationToken cancellationToken)
    {
        _cursor = _marks.Where(m => m.Output <= offset).DefaultIfEmpty(Position.Start).MaxBy(m => m.Output);
        var discard = ArrayPool<byte>.Shared.Rent(ChunkLength);
        try
        {
            while (_cursor.Output < offset)
            {
                var wanted = (int)Math.Min(ChunkLength, offset - _cursor.Output);
                if (await ConvertAsync(discard.AsMemory(0, wanted), cancellationToken).ConfigureAwait(false) == 0)
                {
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(discard);
        }
    }

    // Fills the buffer from the cursor on; 0 only at the end of the file (or when it became shorter).
    private async ValueTask<int> ConvertAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var written = 0;
        var cursor = _cursor;
        if (cursor.Owed >= 0)
        {
            buffer.Span[written++] = (byte)cursor.Owed;
            cursor = cursor with { Output = cursor.Output + 1, Owed = Position.Nothing };
        }

        while (written < buffer.Length)
        {
            var read = await _raw.ReadAsync(cursor.Raw, _chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            var (used, filled, owed) = Convert(_chunk.AsSpan(0, read), buffer.Span[written..]);
            written += filled;
            cursor = new Position(cursor.Output + filled, cursor.Raw + used, owed);
            if (owed >= 0)
            {
                break;
            }
        }

        _cursor = cursor;
        return written;
    }

    // Converts raw bytes into the output until either runs out. When a CR LF or CR NUL pair does not fit,
    // its first byte is written and its second is owed to the next read.
    private static (int Used, int Filled, int Owed) Convert(ReadOnlySpan<byte> raw, Span<byte> output)
    {
        int used = 0, filled = 0;
        while (used < raw.Length && filled < output.Length)
        {
            var b = raw[used++];
            int second = b switch
            {
                (byte)'\n' => '\n',
                (byte)'\r' => 0,
                _ => Position.Nothing,
            };
            if (second == Position.Nothing)
            {
                output[filled++] = b;
                continue;
            }

            output[filled++] = (byte)'\r';
            if (filled == output.Length)
            {
                return (used, filled, second);
            }

            output[filled++] = (byte)second;
        }

        return (used, filled, Position.Nothing);
    }

    /// <summary>Where the conversion stands: bytes sent, file bytes read, and the byte of a pair still owed (or <see cref="Nothing"/>).</summary>
    private readonly record struct Position(long Output, long Raw, int Owed)
    {
        public const int Nothing = -1;

        public static Position Start => new(0, 0, Nothing);
    }
}
