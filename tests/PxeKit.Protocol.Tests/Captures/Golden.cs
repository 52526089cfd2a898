using System.Runtime.CompilerServices;

namespace PxeKit.Protocol.Tests.Captures;

/// <summary>
/// Compares text with a file kept beside the captures. Set PXEKIT_UPDATE_GOLDEN=1 to rewrite the
/// files instead (then read the diff before committing it).
/// </summary>
internal static class Golden
{
    public static string DataPath(string name, [CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "..", "Data", name);

    public static void Match(string name, string actual)
    {
        var path = DataPath(name);
        if (Environment.GetEnvironmentVariable("PXEKIT_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"{path} is missing: run the tests once with PXEKIT_UPDATE_GOLDEN=1");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
