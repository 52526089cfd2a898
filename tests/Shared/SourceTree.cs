namespace PxeKit.Tests.Shared;

/// <summary>The checkout the tests were built from (the directory holding PxeKit.slnx), for its scripts.</summary>
internal static class SourceTree
{
    public static string Root { get; } = Find();

    public static string Script(string name) => Path.Combine(Root, "scripts", name);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PxeKit.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No PxeKit.slnx above {AppContext.BaseDirectory}: the source tree cannot be found.");
    }
}
