using System.Net;

namespace PxeKit.Load;

/// <summary>What one TFTP download asks for. The defaults are those of a plain RFC 1350 client.</summary>
public sealed record TftpDownloadOptions
{
    /// <summary>The server's address and port (69 unless the server listens elsewhere).</summary>
    public required IPEndPoint Server { get; init; }

    public required string FileName { get; init; }

    /// <summary>blksize to ask for (RFC 2348); 512 asks for nothing.</summary>
    public int BlockSize { get; init; } = 512;

    /// <summary>windowsize to ask for (RFC 7440); 1 asks for nothing (lock-step).</summary>
    public int WindowSize { get; init; } = 1;

    /// <summary>How long to wait for the next packet before repeating the last ACK; doubled after each timeout. Default 1 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many times in a row a packet may time out before the download fails. Default 5.</summary>
    public int MaxRetries { get; init; } = 5;
}
