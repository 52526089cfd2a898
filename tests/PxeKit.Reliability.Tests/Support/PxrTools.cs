namespace PxeKit.Reliability.Tests.Support;

/// <summary>The real peers these tests need; a missing one fails the test with its package name.</summary>
internal static class PxrTools
{
    public static void Require(string program, string package)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/usr/sbin")
            .Split(':')
            .Concat(["/usr/sbin", "/sbin"])
            .Any(dir => File.Exists(Path.Combine(dir, program)));
        Assert.True(found, $"{program} is missing: install Debian's {package} (scripts/install-deps.sh does)");
    }

    /// <summary>The repository root, found from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PxeKit.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PxeKit.slnx not found above " + AppContext.BaseDirectory);
    }
}
