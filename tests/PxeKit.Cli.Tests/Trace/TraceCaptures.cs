namespace PxeKit.Cli.Tests.Trace;

/// <summary>The real captures of tests/PxeKit.Diagnostics.Tests/Data/trace (see the README there), found from the repository root.</summary>
internal static class TraceCaptures
{
    public static string Directory { get; } = Find();

    public static string PathOf(string name) => Path.Combine(Directory, name);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PxeKit.slnx")))
            {
                return Path.Combine(dir.FullName, "tests", "PxeKit.Diagnostics.Tests", "Data", "trace");
            }
        }

        throw new InvalidOperationException($"No PxeKit.slnx above {AppContext.BaseDirectory}: the test captures cannot be found.");
    }
}
