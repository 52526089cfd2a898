using PxeKit.Core.Events;
using PxeKit.Server.Files;
using PxeKit.Server.Tests.Tftp;

namespace PxeKit.Server.Tests.Files;

public sealed class PathJailTests : IDisposable
{
    private const int MaxNameLength = 255;

    private readonly TempDirectory _outside = new();
    private readonly TempDirectory _root = new();
    private readonly PathJail _jail;

    public PathJailTests()
    {
        Write("pxelinux.0");
        Write("boot/grub/grubx64.efi");
        Write("EFI/BOOT/BOOTX64.EFI");
        Write(".hidden");
        Write("...");
        Write("a..b");
        Write("with space.txt");
        Directory.CreateDirectory(Path.Combine(_root.Path, "emptydir"));
        File.WriteAllText(Path.Combine(_outside.Path, "secret"), "secret");

        // Links that stay inside the root.
        File.CreateSymbolicLink(Path.Combine(_root.Path, "link-to-pxelinux"), "pxelinux.0");
        Directory.CreateSymbolicLink(Path.Combine(_root.Path, "grub"), "boot/grub");
        File.CreateSymbolicLink(Path.Combine(_root.Path, "boot/up-and-back"), "../pxelinux.0");

        // Links that leave it.
        File.CreateSymbolicLink(Path.Combine(_root.Path, "passwd"), "/etc/passwd");
        File.CreateSymbolicLink(Path.Combine(_root.Path, "secret-link"), Path.Combine(_outside.Path, "secret"));
        Directory.CreateSymbolicLink(Path.Combine(_root.Path, "etc"), "/etc");
        Directory.CreateSymbolicLink(Path.Combine(_root.Path, "boot/escape"), "../../");
        File.CreateSymbolicLink(Path.Combine(_root.Path, "dangling-out"), Path.Combine(_outside.Path, "no-such-file"));
        File.CreateSymbolicLink(Path.Combine(_root.Path, "loop-a"), "loop-b");
        File.CreateSymbolicLink(Path.Combine(_root.Path, "loop-b"), "loop-a");
        Directory.CreateSymbolicLink(Path.Combine(_root.Path, "dev"), "/dev");

        _jail = new PathJail(_root.Path, MaxNameLength);
    }

    public static TheoryData<string> Violations => new()
    {
        "..",
        "../",
        "../etc/passwd",
        "../../etc/passwd",
        "../../../../../../../../etc/passwd",
        "a/../../b",
        "boot/../../etc/passwd",
        "boot/..",
        "boot/grub/../../pxelinux.0", // stays inside, but '..' is refused outright
        "/etc/passwd", // read as ROOT/etc/passwd, and ROOT/etc here is a link to /etc
        "//etc/passwd",
        "\\etc\\passwd",
        "/../etc/passwd",
        "/boot/../../etc/passwd",
        "/C:/Windows/win.ini",
        "\\C:\\Windows\\win.ini",
        "/",
        "//",
        "..\\..\\etc\\passwd",
        "boot\\..\\..\\etc\\passwd",
        "C:\\Windows\\win.ini",
        "c:pxelinux.0",
        "pxelinux.0\0.txt",
        "\0",
        "pxe\nlinux.0",
        "pxe\rlinux.0",
        "pxe\tlinux.0",
        "\u001b[31mred",
        "pxe\u007flinux.0",
        "caf\u00e9",
        "\u00c0\u00af\u00c0\u00afetc/passwd", // overlong UTF-8 '/' as Latin-1 bytes
        "passwd",
        "secret-link",
        "etc/passwd",
        "etc/shadow",
        "boot/escape/etc/passwd",
        "dev/zero",
        "dev/null",
        "loop-a",
        "emptydir",
        "emptydir/",
        "boot",
        "boot/grub/",
        ".",
        "./",
        "./.",
        "",
        "etc/no-such-file", // missing, but behind a link out of the root: no hint what exists there
        "dangling-out",
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void Tricks_are_access_violations(string requested)
    {
        var result = _jail.Resolve(requested);

        Assert.False(result.IsAllowed);
        Assert.Equal(PathVerdict.Violation, result.Verdict);
        Assert.Equal(FileRefusal.Forbidden, result.Refusal);
        Assert.NotEmpty(result.Reason);
    }

    [Fact]
    public void A_missing_file_is_typed_not_found_and_an_allowed_one_has_no_refusal()
    {
        Assert.Equal(FileRefusal.NotFound, _jail.Resolve("no-such-file").Refusal);
        Assert.Null(_jail.Resolve("pxelinux.0").Refusal);
    }

    [Fact]
    public void A_name_longer_than_the_limit_is_refused()
    {
        var result = _jail.Resolve(new string('a', MaxNameLength + 1));

        Assert.Equal(PathVerdict.Violation, result.Verdict);
        Assert.Contains("longer", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pxelinux.0", "pxelinux.0")]
    [InlineData("./pxelinux.0", "pxelinux.0")]
    [InlineData("boot/grub/grubx64.efi", "boot/grub/grubx64.efi")]
    [InlineData("boot//grub///grubx64.efi", "boot/grub/grubx64.efi")]
    [InlineData("boot\\grub\\grubx64.efi", "boot/grub/grubx64.efi")] // Windows-style separators
    [InlineData("EFI\\BOOT\\BOOTX64.EFI", "EFI/BOOT/BOOTX64.EFI")]
    [InlineData(".hidden", ".hidden")]
    [InlineData("...", "...")]
    [InlineData("a..b", "a..b")]
    [InlineData("with space.txt", "with space.txt")]
    [InlineData("/pxelinux.0", "pxelinux.0")] // leading slash: relative to the root
    [InlineData("//boot/grub/grubx64.efi", "boot/grub/grubx64.efi")]
    [InlineData("\\EFI\\BOOT\\BOOTX64.EFI", "EFI/BOOT/BOOTX64.EFI")]
    [InlineData("link-to-pxelinux", "pxelinux.0")] // symlink inside the root
    [InlineData("grub/grubx64.efi", "boot/grub/grubx64.efi")] // directory symlink inside the root
    [InlineData("boot/up-and-back", "pxelinux.0")] // a link's own '..' is fine if it stays inside
    public void Names_inside_the_root_resolve_to_the_real_file(string requested, string expected)
    {
        var result = _jail.Resolve(requested);

        Assert.True(result.IsAllowed, result.Reason);
        Assert.Equal(Path.Combine(_jail.Root, expected), result.FullPath);
    }

    [Fact]
    public void A_name_of_exactly_the_limit_is_judged_on_its_merits()
    {
        var result = _jail.Resolve(new string('a', MaxNameLength));

        Assert.Equal(PathVerdict.NotFound, result.Verdict);
    }

    [Theory]
    [InlineData("no-such-file")]
    [InlineData("boot/no-such-file")]
    [InlineData("no-such-dir/file")]
    [InlineData("pxelinux.0/child")] // a file used as a directory
    [InlineData("grub/no-such-file")]
    public void Missing_files_inside_the_root_are_not_found(string requested)
    {
        var result = _jail.Resolve(requested);

        Assert.False(result.IsAllowed);
        Assert.Equal(PathVerdict.NotFound, result.Verdict);
    }

    [Fact]
    public void The_name_limit_is_the_callers_choice()
    {
        var strict = new PathJail(_root.Path, maxNameLength: 16);

        Assert.True(strict.Resolve("pxelinux.0").IsAllowed);
        Assert.Equal(PathVerdict.Violation, strict.Resolve(new string('a', 17)).Verdict);
        Assert.True(_jail.Resolve(new string('a', 17)).IsNotFound);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PathJail(_root.Path, maxNameLength: 0));
    }

    // A leading slash is read under the root (as tftpd-hpa --secure and dnsmasq do), so "/etc/passwd"
    // must never reach the host's /etc/passwd: it is not found until the root has its own etc/passwd.
    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("//etc/passwd")]
    [InlineData("\\etc\\passwd")]
    [InlineData("/./etc//passwd")]
    public void A_leading_slash_is_read_under_the_root_never_as_a_host_path(string requested)
    {
        Assert.True(File.Exists("/etc/passwd"), "the host file this test must not reach");
        using var root = new TempDirectory();
        var jail = new PathJail(root.Path, MaxNameLength);

        Assert.Equal(PathVerdict.NotFound, jail.Resolve(requested).Verdict);

        Directory.CreateDirectory(Path.Combine(root.Path, "etc"));
        File.WriteAllText(Path.Combine(root.Path, "etc", "passwd"), "the root's own passwd");
        var result = jail.Resolve(requested);

        Assert.True(result.IsAllowed, result.Reason);
        Assert.Equal(Path.Combine(jail.Root, "etc", "passwd"), result.FullPath);
        Assert.Equal("the root's own passwd", File.ReadAllText(result.FullPath!));
    }

    [Fact]
    public void A_root_that_is_itself_a_symlink_is_resolved_first()
    {
        using var parent = new TempDirectory();
        var link = Path.Combine(parent.Path, "root-link");
        Directory.CreateSymbolicLink(link, _root.Path);

        var jail = new PathJail(link, MaxNameLength);

        Assert.True(jail.Resolve("pxelinux.0").IsAllowed);
        Assert.False(jail.Resolve("passwd").IsAllowed);
    }

    [Fact]
    public void A_missing_root_is_a_configuration_error()
    {
        Assert.Throws<DirectoryNotFoundException>(() => new PathJail(Path.Combine(_root.Path, "nope"), MaxNameLength));
    }

    public void Dispose()
    {
        _root.Dispose();
        _outside.Dispose();
    }

    private void Write(string relative)
    {
        var path = Path.Combine(_root.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, relative);
    }
}
