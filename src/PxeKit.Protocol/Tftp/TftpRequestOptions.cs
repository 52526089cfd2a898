namespace PxeKit.Protocol.Tftp;

/// <summary>
/// The options PxeKit understands, as numbers exactly as the peer sent them (no range applied: that is
/// the negotiation's job). <see langword="null"/> when absent or not a decimal number; the first
/// occurrence of a repeated option wins. Unknown options are ignored, as RFC 2347 asks.
/// </summary>
public readonly record struct TftpRequestOptions
{
    /// <summary>blksize (RFC 2348).</summary>
    public long? BlockSize { get; init; }

    /// <summary>tsize (RFC 2349): 0 in a read request, the file size in a write request.</summary>
    public long? TransferSize { get; init; }

    /// <summary>timeout in seconds (RFC 2349).</summary>
    public long? TimeoutSeconds { get; init; }

    /// <summary>windowsize (RFC 7440).</summary>
    public long? WindowSize { get; init; }

    /// <summary>Whether any option with a usable number was present.</summary>
    public bool Any => BlockSize is not null || TransferSize is not null || TimeoutSeconds is not null || WindowSize is not null;

    /// <summary>Reads the known options out of an option area.</summary>
    public static TftpRequestOptions From(TftpOptionEnumerator options)
    {
        var result = default(TftpRequestOptions);
        foreach (var option in options)
        {
            if (!option.TryGetNumber(out var number))
            {
                continue;
            }

            if (option.NameIs(TftpConstants.BlockSizeOption))
            {
                result = result with { BlockSize = result.BlockSize ?? number };
            }
            else if (option.NameIs(TftpConstants.TransferSizeOption))
            {
                result = result with { TransferSize = result.TransferSize ?? number };
            }
            else if (option.NameIs(TftpConstants.TimeoutOption))
            {
                result = result with { TimeoutSeconds = result.TimeoutSeconds ?? number };
            }
            else if (option.NameIs(TftpConstants.WindowSizeOption))
            {
                result = result with { WindowSize = result.WindowSize ?? number };
            }
        }

        return result;
    }
}
