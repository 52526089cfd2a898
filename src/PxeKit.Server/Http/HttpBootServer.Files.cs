using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Win32.SafeHandles;
using PxeKit.Core.Events;
using PxeKit.Core.Files;

namespace PxeKit.Server.Http;

public sealed partial class HttpBootServer
{
    /// <summary>Bytes read from the file and handed to the connection per step.</summary>
    private const int ChunkSize = 64 * 1024;

    /// <summary>
    /// Streams one file (or one range of it) from an open handle, a chunk at a time: nothing is ever held
    /// whole in memory, and the bytes counted are the bytes handed to the connection.
    /// </summary>
    private async Task SendFileAsync(HttpContext context, Exchange exchange, string fullPath)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            // Removed between the jail's check and the open.
            await RefuseAsync(context, exchange, StatusCodes.Status404NotFound, "not found", refusal: FileRefusal.NotFound).ConfigureAwait(false);
            return;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            _logger.FileUnreadable(exchange.Path, exchange.Client, exception.GetType().Name);
            await RefuseAsync(context, exchange, StatusCodes.Status403Forbidden, "file is not readable", logged: true, FileRefusal.Unreadable).ConfigureAwait(false);
            return;
        }

        using (handle)
        {
            var length = RandomAccess.GetLength(handle);
            var modified = TruncateToSeconds(File.GetLastWriteTimeUtc(handle));
            var etag = string.Create(CultureInfo.InvariantCulture, $"\"{length:x}-{modified.Ticks:x}\"");
            var request = context.Request;
            var response = context.Response;
            var range = IfRangeHolds(request.Headers.IfRange.ToString(), etag, modified)
                ? ByteRange.Parse(request.Headers.Range.ToString(), length)
                : ByteRange.Whole(length);

            response.Headers.AcceptRanges = "bytes";
            response.Headers.ETag = etag;
            response.Headers.LastModified = modified.ToString("r", CultureInfo.InvariantCulture);
            if (range.Kind == RangeKind.Unsatisfiable)
            {
                response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes */{length}");
                await RefuseAsync(context, exchange, StatusCodes.Status416RangeNotSatisfiable, $"range not satisfiable ({request.Headers.Range}, file has {length} bytes)").ConfigureAwait(false);
                return;
            }

            response.ContentType = HttpContentTypes.ForPath(exchange.Path);
            response.ContentLength = range.Length;
            if (range.Kind == RangeKind.Partial)
            {
                response.StatusCode = StatusCodes.Status206PartialContent;
                response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {range.First}-{range.Last}/{length}");
            }

            var detail = range.Kind == RangeKind.Partial ? $"bytes {range.First}-{range.Last}/{length}" : $"{length} bytes";
            if (HttpMethods.IsHead(exchange.Method))
            {
                await response.CompleteAsync().ConfigureAwait(false);
                Complete(exchange, response.StatusCode, 0, "HEAD " + detail);
                return;
            }

            var (complete, format) = await CopyAsync(context, exchange, handle, range).ConfigureAwait(false);
            if (complete)
            {
                try
                {
                    await response.CompleteAsync().ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is OperationCanceledException or IOException)
                {
                    // Every byte was handed to the connection; the client closed it before the response's end was.
                }

                Complete(exchange, response.StatusCode, range.Length, detail, format);
            }
        }
    }

    /// <summary>
    /// Copies the range chunk by chunk into Kestrel's response pipe. False, with the failure journalled,
    /// when the client went away or the file shrank; the bytes counted are those handed to the connection.
    /// A copy from the file's start also tells what kind of program it is, from the first chunk.
    /// </summary>
    private async Task<(bool Complete, ProgramFormat? Format)> CopyAsync(HttpContext context, Exchange exchange, SafeFileHandle handle, ByteRange range)
    {
        var writer = context.Response.BodyWriter;
        var aborted = context.RequestAborted;
        var sent = 0L;
        ProgramFormat? format = null;
        try
        {
            while (sent < range.Length)
            {
                var memory = writer.GetMemory(ChunkSize);
                var want = (int)Math.Min(Math.Min(memory.Length, ChunkSize), range.Length - sent);
                var read = await RandomAccess.ReadAsync(handle, memory[..want], range.First + sent, aborted).ConfigureAwait(false);
                if (read == 0)
                {
                    // The file shrank under us and the Content-Length already promised more. Cutting the
                    // connection is the only honest end: the client sees a short body, not a wrong one.
                    _logger.FileUnreadable(exchange.Path, exchange.Client, $"file shrank to {range.First + sent} bytes while being sent");
                    Fail(exchange, $"file shrank while being sent, connection cut after {sent} bytes", status: null, sent);
                    context.Abort();
                    return (false, format);
                }

                if (sent == 0 && range.First == 0)
                {
                    format = ProgramFormats.Of(memory.Span[..read]);
                }

                writer.Advance(read);
                sent += read;
                var flushed = await writer.FlushAsync(aborted).ConfigureAwait(false);
                if (flushed.IsCompleted || flushed.IsCanceled)
                {
                    break; // The connection is closing: nothing more will be read from the pipe.
                }
            }

            if (sent == range.Length)
            {
                return (true, format);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // Kestrel cancels RequestAborted and fails writes once the peer has gone (or the server stops). A client that
            // read the last byte and closed at once can cancel the last flush after every byte was handed over: complete.
            if (sent == range.Length)
            {
                return (true, format);
            }
        }

        _logger.ClientClosed(exchange.Client, exchange.Path, sent, range.Length);
        Fail(exchange, $"client closed the connection after {sent} bytes", status: null, sent);
        return (false, format);
    }

    /// <summary>
    /// RFC 9110 section 13.1.5: a Range is honoured only if If-Range is absent or still names this
    /// representation (a strong ETag, or exactly its Last-Modified date).
    /// </summary>
    private static bool IfRangeHolds(string ifRange, string etag, DateTime modified)
    {
        if (string.IsNullOrEmpty(ifRange))
        {
            return true;
        }

        if (ifRange.StartsWith('"') || ifRange.StartsWith("W/", StringComparison.Ordinal))
        {
            return string.Equals(ifRange.Trim(), etag, StringComparison.Ordinal);
        }

        return DateTimeOffset.TryParseExact(ifRange.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            && date.UtcDateTime == modified;
    }

    private static DateTime TruncateToSeconds(DateTime time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
}
