using System.Runtime.CompilerServices;

namespace PxeKit.Lab.Tests.Support;

/// <summary>Files under tests/PxeKit.Lab.Tests/Data, found from this source file's location.</summary>
internal static class TestData
{
    public static string PathOf(string name, [CallerFilePath] string caller = "")
    {
        var directory = Path.GetDirectoryName(caller)!;
        while (!File.Exists(Path.Combine(directory, "PxeKit.Lab.Tests.csproj")))
        {
            directory = Path.GetDirectoryName(directory) ?? throw new FileNotFoundException("test project directory not found", name);
        }

        return Path.Combine(directory, "Data", name);
    }
}
