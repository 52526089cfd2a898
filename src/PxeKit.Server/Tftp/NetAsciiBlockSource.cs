namespace PxeKit.Server.Tftp;

/// <summary>
/// A file converted to netascii in memory (RFC 764 as RFC 1350 uses it): LF becomes CR LF and a bare
/// CR becomes CR NUL. Only small text files travel this way; the size is bounded by the options.
/// </summary>
internal sealed class NetAsciiBlockSource : ITftpBlockSource
{
    private readonly byte[] _bytes;

    private NetAsciiBlockSource(byte[] bytes) => _bytes = bytes;

    public long Length => _bytes.Length;

    public static async Task<NetAsciiBlockSource> ConvertAsync(ITftpBlockSource raw, CancellationToken cancellationToken)
    {
        var input = new byte[raw.Length];
        var read = 0;
        while (read < input.Length)
        {
            var n = await raw.ReadAsync(read, input.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return new NetAsciiBlockSource(Convert(input.AsSpan(0, read)));
    }

    internal static byte[] Convert(ReadOnlySpan<byte> input)
    {
        var output = new List<byte>(input.Length + (input.Length / 32) + 2);
        foreach (var b in input)
        {
            switch (b)
            {
                case (byte)'\n':
                    output.Add((byte)'\r');
                    output.Add((byte)'\n');
                    break;
                case (byte)'\r':
                    output.Add((byte)'\r');
                    output.Add(0);
                    break;
                default:
                    output.Add(b);
                    break;
            }
        }

        return [.. output];
    }

    public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (offset >= _bytes.Length)
        {
            return ValueTask.FromResult(0);
        }

        var count = (int)Math.Min(buffer.Length, _bytes.Length - offset);
        _bytes.AsSpan((int)offset, count).CopyTo(buffer.Span);
        return ValueTask.FromResult(count);
    }

    public void Dispose()
    {
    }
}
