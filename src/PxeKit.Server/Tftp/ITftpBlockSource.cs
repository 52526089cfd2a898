namespace PxeKit.Server.Tftp;

/// <summary>The bytes a read transfer sends, readable at any offset so a window can be resent.</summary>
internal interface ITftpBlockSource : IDisposable
{
    /// <summary>Bytes the client will receive (the tsize answer).</summary>
    long Length { get; }

    /// <summary>Fills as much of the buffer as the source has from the offset; 0 at the end.</summary>
    ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken);
}
