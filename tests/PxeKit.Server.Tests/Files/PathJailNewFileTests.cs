using PxeKit.Server.Files;
using PxeKit.Server.Tests.Tftp;

namespace PxeKit.Server.Tests.Files;

/// <summary><see cref="PathJail.ResolveNew"/>: where an upload may be created.</summary>
public sealed class PathJailNewFileTests : IDisposable
{
    private readonly TempDirectory _outside = new();
    private readonly TempDirectory _root = new();
    private readonly PathJail _jail;

    public PathJailNewFileTests()
    {
        Directory.CreateDirectory(Path.Combine(_root.Path, "boot/grub"));
        Directory.CreateDirectory(Path.Combine(_root.Path, "uploads"));
        File.WriteAllText(Path.Combine(_root.Path, "pxelinux.0"), "pxelinux");
        Directory.CreateSymbolicLink(Path.Combine(_root.Path, "grub"), "boot/grub");
        Directory.CreateSymbolicLink(Path.Combine(_root.Path, "out"), _outside.Path);
        Directory.CreateSymbolicLink(Path.Combine(_root.Path, "boot/escape"), "../../");
        Directory.CreateSymbolicLink(Path.Combine(_root.Path, "gone"), Path.Combine(_outside.Path, "no-such-dir"));
        _jail = new PathJail(_root.Path, 255);
    }

    [Theory]
    [InlineData("new.bin", "new.bin")]
    [InlineData("/new.bin", "new.bin")] // leading slash: relative to the root
    [InlineData("uploads/new.bin", "uploads/new.bin")]
    [InlineData("uploads\\new.bin", "uploads/new.bin")]
    [InlineData("./uploads//new.bin", "uploads/new.bin")]
    [InlineData("grub/new.cfg", "boot/grub/new.cfg")] // directory symlink inside the root
    [InlineData("pxelinux.0", "pxelinux.0")] // exists: allowed here, the server refuses to overwrite it
    public void A_name_in_an_existing_directory_inside_the_root_is_allowed(string requested, string expected)
    {
        var result = _jail.ResolveNew(requested);

        Assert.True(result.IsAllowed, result.Reason);
        Assert.Equal(Path.Combine(_jail.Root, expected), result.FullPath);
    }

    [Theory]
    [InlineData("no-such-dir/new.bin")]
    [InlineData("uploads/deeper/new.bin")]
    [InlineData("pxelinux.0/new.bin")] // a file used as a directory
    public void A_missing_directory_is_not_found_and_never_created(string requested)
    {
        var result = _jail.ResolveNew(requested);

        Assert.Equal(PathVerdict.NotFound, result.Verdict);
        Assert.Equal("directory not found", result.Reason);
        Assert.False(Directory.Exists(Path.Combine(_root.Path, "no-such-dir")));
        Assert.False(Directory.Exists(Path.Combine(_root.Path, "uploads/deeper")));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("..\\x")]
    [InlineData("/../x")]
    [InlineData("uploads/../../x")]
    [InlineData("out/x")] // directory link out of the root
    [InlineData("boot/escape/x")]
    [InlineData("gone/x")] // dangling directory link out of the root
    [InlineData("boot")] // a directory
    [InlineData("grub")]
    [InlineData("/")]
    [InlineData("")]
    [InlineData("C:\\x")]
    [InlineData("new\nfile")]
    public void Tricks_are_violations(string requested)
    {
        var result = _jail.ResolveNew(requested);

        Assert.Equal(PathVerdict.Violation, result.Verdict);
        Assert.NotEmpty(result.Reason);
    }

    public void Dispose()
    {
        _root.Dispose();
        _outside.Dispose();
    }
}
