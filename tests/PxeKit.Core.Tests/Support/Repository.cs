namespace PxeKit.Core.Tests.Support;

/// <summary>The checkout the tests run from, for tests that hold the docs and the source tree to the code.</summary>
internal static class Repository
{
    public static string Root()
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
