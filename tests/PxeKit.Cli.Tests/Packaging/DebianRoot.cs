namespace PxeKit.Cli.Tests.Packaging;

/// <summary>
/// A Debian 12 to install the package into instead of this host: the cached debootstrap tree
/// (scripts/debian-rootfs.sh) under an overlay, so that everything the package does lands in the overlay's upper
/// directory, where the test can see it, and the cache stays as it was. /proc is bound in for the binary.
/// </summary>
internal sealed class DebianRoot : IAsyncDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("pxekit-debroot-");
    private bool _mounted;
    private bool _proc;

    private DebianRoot()
    {
    }

    /// <summary>The cached tree under the overlay, as it was before the test.</summary>
    public string Lower { get; private init; } = "";

    /// <summary>The overlay's upper directory: what changed in the tree.</summary>
    public string Changes => Path.Combine(_work.FullName, "upper");

    /// <summary>The tree as the chroot sees it.</summary>
    public string Merged => Path.Combine(_work.FullName, "merged");

    /// <param name="proc">Bind /proc in, to run programs in the tree with chroot; not for a tree systemd-nspawn boots.</param>
    public static async Task<DebianRoot> MountAsync(string lower, bool proc = true)
    {
        var root = new DebianRoot { Lower = lower };
        foreach (var dir in new[] { "upper", "work", "merged" })
        {
            Directory.CreateDirectory(Path.Combine(root._work.FullName, dir));
        }

        await Check("mount", "-t", "overlay", "overlay", "-o", $"lowerdir={lower},upperdir={root.Changes},workdir={Path.Combine(root._work.FullName, "work")}", root.Merged);
        root._mounted = true;
        if (proc)
        {
            await Check("mount", "-t", "proc", "proc", Path.Combine(root.Merged, "proc"));
            root._proc = true;
        }

        return root;
    }

    /// <summary>A path inside the tree, as seen from this host.</summary>
    public string HostPath(string path) => Path.Combine(Merged, path.TrimStart('/'));

    /// <summary>Runs a command inside the tree (chroot), with a time limit.</summary>
    public Task<Sh.Result> RunAsync(params string[] command) =>
        Sh.RunAsync("chroot", [Merged, "env", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "DEBIAN_FRONTEND=noninteractive", .. command], TimeSpan.FromMinutes(2));

    /// <summary>Runs inside the tree and requires exit status 0.</summary>
    public async Task<Sh.Result> CheckAsync(params string[] command)
    {
        var result = await RunAsync(command);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', command)} failed ({result.ExitCode}): {result.All}");
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (_proc && (await Sh.RunAsync("umount", Path.Combine(Merged, "proc"))).ExitCode != 0)
        {
            await Sh.RunAsync("umount", "-l", Path.Combine(Merged, "proc"));
        }

        // Lazily (-l) when something still holds a file in it: the mount goes now, whatever the test left open.
        if (_mounted && (await Sh.RunAsync("umount", Merged)).ExitCode != 0)
        {
            await Sh.RunAsync("umount", "-l", Merged);
        }

        _work.Delete(recursive: true);
    }

    private static async Task Check(string file, params string[] arguments)
    {
        var result = await Sh.RunAsync(file, arguments);
        Assert.True(result.ExitCode == 0, $"{file} {string.Join(' ', arguments)} failed: {result.All}");
    }
}
