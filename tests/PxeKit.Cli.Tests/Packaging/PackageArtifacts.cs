namespace PxeKit.Cli.Tests.Packaging;

/// <summary>
/// What the package tests start from, made when missing and then cached under artifacts/: the Native AOT binary
/// (scripts/publish-aot.sh, minutes), a Debian 12 tree (scripts/debian-rootfs.sh, debootstrap from Debian's archive),
/// and packages built from them (scripts/package-deb.sh).
/// </summary>
internal static class PackageArtifacts
{
    public static readonly string Repository = FindRepository();

    // Made once per test run, whichever test asks first; the scripts also lock, against other processes.
    private static readonly Lazy<Task<string>> Published = new(() => PublishAsync());
    private static readonly Lazy<Task<string>> DebianTree = new(() => ScriptAsync("debian-rootfs.sh", [], TimeSpan.FromMinutes(20)));

    /// <summary>The published AOT binary's directory (artifacts/aot), published first when it is not there or is stale.</summary>
    public static Task<string> PublishedBinaryAsync() => Published.Value;

    /// <summary>The cached Debian 12 tree, made first when it is not there.</summary>
    public static Task<string> DebianTreeAsync() => DebianTree.Value;

    /// <summary>pxekit_VERSION_amd64.deb in <paramref name="outDir"/>, from the published binary.</summary>
    public static async Task<string> PackageAsync(string version, string outDir)
    {
        var binaries = await PublishedBinaryAsync();
        var result = await Sh.RunAsync("env", [$"PXEKIT_DEB_VERSION={version}", Path.Combine(Repository, "scripts", "package-deb.sh"), binaries, "x64", outDir], TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0, result.All);
        return result.Output.Trim();
    }

    private static async Task<string> PublishAsync()
    {
        await ScriptAsync("publish-aot.sh", ["--reuse"], TimeSpan.FromMinutes(30));
        return Path.Combine(Repository, "artifacts", "aot");
    }

    private static async Task<string> ScriptAsync(string script, string[] arguments, TimeSpan timeout)
    {
        var result = await Sh.RunAsync(Path.Combine(Repository, "scripts", script), arguments, timeout);
        Assert.True(result.ExitCode == 0, result.All);
        return result.Output.Trim().Split('\n')[^1];
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PxeKit.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No PxeKit.slnx above {AppContext.BaseDirectory}.");
    }
}
