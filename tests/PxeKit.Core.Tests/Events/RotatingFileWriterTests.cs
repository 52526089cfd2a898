using PxeKit.Core.Events;

namespace PxeKit.Core.Tests.Events;

public sealed class RotatingFileWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pxekit-rotate-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_file_never_passes_its_size_old_files_keep_whole_lines_and_the_oldest_goes()
    {
        var path = Path.Combine(_dir, "events.jsonl");
        using (var writer = new RotatingFileWriter(path, maxBytes: 100, keep: 2))
        {
            for (int n = 0; n < 40; n++)
            {
                writer.WriteLine($"line {n:00} ...............");
            }
        }

        var files = new[] { path, path + ".1", path + ".2" };
        Assert.All(files, f => Assert.InRange(new FileInfo(f).Length, 1, 100));
        Assert.False(File.Exists(path + ".3"));
        Assert.All(files, f => Assert.All(File.ReadAllLines(f), l => Assert.Matches(@"^line \d\d \.+$", l)));
        var kept = files.Reverse().SelectMany(File.ReadAllLines).ToList();
        Assert.Equal("line 39 ...............", kept[^1]);
        Assert.Equal(Enumerable.Range(40 - kept.Count, kept.Count).Select(n => $"line {n:00} ..............."), kept);
    }

    [Fact]
    public void An_existing_file_is_appended_to_and_counts_toward_the_size()
    {
        var path = Path.Combine(_dir, "events.jsonl");
        File.WriteAllText(path, new string('x', 90) + "\n");
        using (var writer = new RotatingFileWriter(path, maxBytes: 100, keep: 1))
        {
            writer.WriteLine("0123456789");
        }

        Assert.Equal(91, new FileInfo(path + ".1").Length);
        Assert.Equal("0123456789", File.ReadAllText(path).TrimEnd('\n'));
    }
}
