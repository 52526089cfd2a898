namespace PxeKit.Lab.Tests.Support;

/// <summary>External programs integration tests need. A missing program fails the test; it never skips it.</summary>
internal static class RequiredProgram
{
    public static string Find(string name)
    {
        string[] directories = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", .. (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')];
        foreach (var directory in directories.Where(d => d.Length > 0))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"This test needs the program '{name}', which is not installed: run scripts/install-deps.sh.");
        return name;
    }

    public static void RequireRoot() =>
        Assert.True(Environment.UserName == "root", "This test creates network namespaces and must run as root.");
}
