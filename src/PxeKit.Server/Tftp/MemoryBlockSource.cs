namespace PxeKit.Server.Tftp;

/// <summary>Bytes already in memory (a rendered template, at most <see cref="Files.FileTemplates.MaxBytes"/>).</summary>
internal sealed class MemoryBlockSource(ReadOnlyMemory<byte> bytes) : ITftpBlockSource
{
    public long Length => bytes.Length;

    public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (offset >= bytes.Length)
        {
            return ValueTask.FromResult(0);
        }

        var count = (int)Math.Min(buffer.Length, bytes.Length - offset);
        bytes.Slice((int)offset, count).CopyTo(buffer);
        return ValueTask.FromResult(count);
    }

    public void Dispose()
    {
    }
}
