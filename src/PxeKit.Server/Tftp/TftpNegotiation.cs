using System.Globalization;
using PxeKit.Protocol.Tftp;

namespace PxeKit.Server.Tftp;

/// <summary>
/// The transfer parameters agreed for one read or write request (RFC 2347-2349, 7440), and the options to
/// acknowledge. Options out of range are ignored, as RFC 2347 lets a server do; a block size or window
/// above the server's limit is lowered to it (the RFCs allow answering with a smaller value).
/// </summary>
internal sealed record TftpNegotiation
{
    public int BlockSize { get; init; } = TftpConstants.DefaultBlockSize;

    public int WindowSize { get; init; } = TftpConstants.DefaultWindowSize;

    public TimeSpan Timeout { get; init; }

    /// <summary>The options to put in the OACK; empty means "no OACK, start with DATA 1".</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Acknowledged { get; init; } = [];

    public static TftpNegotiation ForRead(TftpRequestOptions requested, long fileLength, TftpServerOptions options)
    {
        var acknowledged = new List<KeyValuePair<string, string>>(4);
        var result = Common(requested, options, acknowledged);

        // RFC 2349: a client reading asks with tsize 0 and the server answers with the size.
        if (requested.TransferSize is not null)
        {
            acknowledged.Add(Pair(TftpConstants.TransferSizeOption, fileLength));
        }

        if (requested.WindowSize is { } window && window >= TftpConstants.MinWindowSize)
        {
            var granted = (int)Math.Min(window, options.MaxWindowSize);
            result = result with { WindowSize = granted };
            acknowledged.Add(Pair(TftpConstants.WindowSizeOption, granted));
        }

        return result with { Acknowledged = acknowledged };
    }

    /// <summary>
    /// For a write request: blksize and timeout as for reads; tsize (the size the client announces,
    /// RFC 2349) is echoed. windowsize is not acknowledged, so uploads run in lock-step. The caller
    /// refuses an announced size above its limit before negotiating.
    /// </summary>
    public static TftpNegotiation ForWrite(TftpRequestOptions requested, TftpServerOptions options)
    {
        var acknowledged = new List<KeyValuePair<string, string>>(3);
        var result = Common(requested, options, acknowledged);
        if (requested.TransferSize is { } announced && announced >= 0)
        {
            acknowledged.Add(Pair(TftpConstants.TransferSizeOption, announced));
        }

        return result with { Acknowledged = acknowledged };
    }

    // blksize (RFC 2348) and timeout (RFC 2349), the same in both directions.
    private static TftpNegotiation Common(TftpRequestOptions requested, TftpServerOptions options, List<KeyValuePair<string, string>> acknowledged)
    {
        var result = new TftpNegotiation { Timeout = options.DefaultTimeout };
        if (requested.BlockSize is { } blockSize && blockSize >= TftpConstants.MinBlockSize)
        {
            var granted = (int)Math.Min(blockSize, options.MaxBlockSize);
            result = result with { BlockSize = granted };
            acknowledged.Add(Pair(TftpConstants.BlockSizeOption, granted));
        }

        // RFC 2349: an acknowledged timeout must be the client's value, so one above the server's longest
        // wait is not acknowledged at all (RFC 2347 lets a server ignore an option): the transfer then
        // runs on the server's own timeouts, and a held request is given up in bounded time.
        if (requested.TimeoutSeconds is { } seconds
            && seconds >= TftpConstants.MinTimeoutSeconds
            && seconds <= Math.Min(TftpConstants.MaxTimeoutSeconds, options.Limits.MaxTimeout.TotalSeconds))
        {
            result = result with { Timeout = TimeSpan.FromSeconds(seconds) };
            acknowledged.Add(Pair(TftpConstants.TimeoutOption, seconds));
        }

        return result;
    }

    public override string ToString() =>
        Acknowledged.Count == 0
            ? "no options"
            : string.Join(' ', Acknowledged.Select(p => $"{p.Key}={p.Value}"));

    private static KeyValuePair<string, string> Pair(string name, long value) =>
        new(name, value.ToString(CultureInfo.InvariantCulture));
}
