using PxeKit.Core.Interop;
using PxeKit.Server.Files;
using PxeKit.Server.Tests.Tftp;

namespace PxeKit.Server.Tests.Files;

public sealed class PartialFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Nothing_appears_under_the_target_name_until_commit()
    {
        var target = Path.Combine(_dir.Path, "kernel");
        using var file = PartialFile.Create(target);
        await file.WriteAsync("hello"u8.ToArray(), CancellationToken.None);

        Assert.False(File.Exists(target));
        var hidden = Path.GetFileName(file.TempPath);
        Assert.StartsWith(".kernel" + PartialFile.Marker, hidden, StringComparison.Ordinal);
        Assert.True(File.Exists(file.TempPath));

        Assert.Equal(0, file.Commit());

        Assert.Equal("hello", await File.ReadAllTextAsync(target));
        Assert.False(File.Exists(file.TempPath));
        Assert.Equal(5, file.Length);
        Assert.Null(file.Discard()); // committed: nothing to remove, the target stays
        Assert.True(File.Exists(target));
    }

    [Fact]
    public async Task Commit_never_replaces_a_file_that_appeared_meanwhile()
    {
        var target = Path.Combine(_dir.Path, "kernel");
        using var file = PartialFile.Create(target);
        await file.WriteAsync("upload"u8.ToArray(), CancellationToken.None);
        await File.WriteAllTextAsync(target, "first");

        Assert.Equal(LibC.EEXIST, file.Commit());
        Assert.Null(file.Discard());

        Assert.Equal("first", await File.ReadAllTextAsync(target));
        Assert.Equal(["kernel"], Directory.GetFileSystemEntries(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Discard_and_dispose_leave_nothing_behind()
    {
        var target = Path.Combine(_dir.Path, "initrd");
        var file = PartialFile.Create(target);
        await file.WriteAsync(new byte[1000], CancellationToken.None);
        file.Dispose();

        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void A_long_target_name_still_gives_a_valid_hidden_name()
    {
        var target = Path.Combine(_dir.Path, new string('n', 255));
        using var file = PartialFile.Create(target);

        Assert.True(Path.GetFileName(file.TempPath).Length <= 255);
        Assert.Equal(0, file.Commit());
        Assert.True(File.Exists(target));
    }

    [Fact]
    public void Exists_sees_files_directories_and_dangling_links()
    {
        File.WriteAllText(Path.Combine(_dir.Path, "file"), "");
        Directory.CreateDirectory(Path.Combine(_dir.Path, "dir"));
        File.CreateSymbolicLink(Path.Combine(_dir.Path, "dangling"), "/nonexistent/pxekit");

        Assert.True(PartialFile.Exists(Path.Combine(_dir.Path, "file")));
        Assert.True(PartialFile.Exists(Path.Combine(_dir.Path, "dir")));
        Assert.True(PartialFile.Exists(Path.Combine(_dir.Path, "dangling")));
        Assert.False(PartialFile.Exists(Path.Combine(_dir.Path, "nothing")));
    }

    public void Dispose() => _dir.Dispose();
}
