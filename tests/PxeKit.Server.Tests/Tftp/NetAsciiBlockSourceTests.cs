using PxeKit.Server.Tftp;

namespace PxeKit.Server.Tests.Tftp;

/// <summary>
/// Netascii conversion block by block: the same bytes as converting the whole file, for every block size,
/// when a window is read again, at any offset; and a large file costs no more memory than a small one.
/// </summary>
public sealed class NetAsciiBlockSourceTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(512)]
    [InlineData(1468)]
    [InlineData(65464)]
    public async Task Blocks_read_in_order_are_the_whole_file_converted(int blockSize)
    {
        var raw = Text(200_000, seed: blockSize);
        using var source = await OpenAsync(raw);

        var sent = await ReadAllAsync(source, blockSize);

        Assert.Equal(Converted(raw), sent);
        Assert.Equal(Converted(raw).Length, source.Length);
    }

    [Fact]
    public async Task A_window_read_again_and_offsets_out_of_order_give_the_same_bytes()
    {
        const int BlockSize = 512;
        var raw = Text(300_000, seed: 3);
        var expected = Converted(raw);
        using var source = await OpenAsync(raw);
        var random = new Random(5);

        // A window of 84 blocks sent, the client lost block 20: the window restarts there, twice.
        Assert.Equal(Converted(raw).AsSpan(0, 84 * BlockSize).ToArray(), await ReadAsync(source, 0, 84 * BlockSize));
        for (var round = 0; round < 2; round++)
        {
            for (var block = 20L; block < 84; block++)
            {
                Assert.Equal(Slice(expected, block * BlockSize, BlockSize), await ReadAsync(source, block * BlockSize, BlockSize));
            }
        }

        for (var i = 0; i < 50; i++)
        {
            long offset = random.NextInt64(expected.Length + 10);
            Assert.Equal(Slice(expected, offset, BlockSize), await ReadAsync(source, offset, BlockSize));
        }
    }

    // Regression (issue 13): netascii requests read the whole file into memory, then a converted copy.
    [Fact]
    public async Task A_large_file_is_never_held_whole()
    {
        const int BlockSize = 1468;
        var raw = Text(4_000_000, seed: 9);
        using var source = await OpenAsync(raw);
        var buffer = new byte[BlockSize];

        // The file source reads on the calling thread: every allocation of the conversion is counted here.
        var before = GC.GetAllocatedBytesForCurrentThread();
        long offset = 0;
        int read;
        while ((read = await source.ReadAsync(offset, buffer, CancellationToken.None)) > 0)
        {
            offset += read;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(source.Length, offset);
        Assert.True(allocated < 256 * 1024, $"reading a 4 MB file in netascii allocated {allocated} bytes");
    }

    public void Dispose() => _root.Dispose();

    // Text with many line ends of both kinds, and CR LF pairs (which become CR NUL CR LF).
    private static byte[] Text(int length, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = random.Next(8) switch
            {
                0 => (byte)'\n',
                1 => (byte)'\r',
                _ => (byte)random.Next(0x20, 0x7F),
            };
        }

        return bytes;
    }

    // RFC 764 as RFC 1350 uses it, written out byte by byte for comparison.
    private static byte[] Converted(byte[] raw)
    {
        var output = new List<byte>(raw.Length * 2);
        foreach (var b in raw)
        {
            switch (b)
            {
                case (byte)'\n': output.AddRange("\r\n"u8.ToArray()); break;
                case (byte)'\r': output.AddRange("\r\0"u8.ToArray()); break;
                default: output.Add(b); break;
            }
        }

        return [.. output];
    }

    private static byte[] Slice(byte[] bytes, long offset, int length) =>
        offset >= bytes.Length ? [] : bytes.AsSpan((int)offset, (int)Math.Min(length, bytes.Length - offset)).ToArray();

    private static async Task<byte[]> ReadAsync(NetAsciiBlockSource source, long offset, int length)
    {
        var buffer = new byte[length];
        var read = await source.ReadAsync(offset, buffer, CancellationToken.None);
        return buffer[..read];
    }

    private static async Task<byte[]> ReadAllAsync(NetAsciiBlockSource source, int blockSize)
    {
        var sent = new List<byte>();
        for (long block = 0; ; block++)
        {
            var bytes = await ReadAsync(source, block * blockSize, blockSize);
            sent.AddRange(bytes);
            if (bytes.Length < blockSize)
            {
                return [.. sent];
            }
        }
    }

    private async Task<NetAsciiBlockSource> OpenAsync(byte[] raw)
    {
        var path = Path.Combine(_root.Path, $"text-{raw.Length}.txt");
        await File.WriteAllBytesAsync(path, raw);
        var file = FileBlockSource.Open(path, out _) ?? throw new InvalidOperationException("the test file did not open");
        return await NetAsciiBlockSource.OpenAsync(file, CancellationToken.None);
    }
}
