using PxeKit.Server.Tftp;

namespace PxeKit.Server.Tests.Tftp;

public sealed class FileBlockSourceTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"pxekit-blocks-{Guid.NewGuid():N}");

    [Fact]
    public async Task Blocks_read_in_order_backwards_across_chunks_and_past_the_end_are_the_files_bytes()
    {
        var bytes = new byte[100_003];
        new Random(7).NextBytes(bytes);
        await File.WriteAllBytesAsync(_path, bytes);
        using var source = FileBlockSource.Open(_path, out _) ?? throw new InvalidOperationException("not opened");

        // In order (the read-ahead path), a window resent from further back, a read across a chunk's
        // end, one larger than a chunk (read directly), and past the end of the file.
        long[] offsets = [0, 1468, 2936, FileBlockSource.ReadAhead - 10, 32_000, 1468, 32_768 - 10, 99_000, 4, 100_003, 200_000];
        foreach (var offset in offsets)
        {
            foreach (var size in new[] { 1468, 40_000 })
            {
                var buffer = new byte[size];
                var read = await source.ReadAsync(offset, buffer, CancellationToken.None);
                var expected = (int)Math.Clamp(bytes.Length - offset, 0, size);
                Assert.True(read > 0 || expected == 0, $"nothing read at {offset}");
                Assert.True(read <= expected, $"read {read} at {offset}, more than the file has");
                Assert.Equal(bytes.AsSpan((int)Math.Min(offset, bytes.Length), read).ToArray(), buffer.AsSpan(0, read).ToArray());
            }
        }
    }

    public void Dispose() => File.Delete(_path);
}
