using System.Globalization;

namespace PxeKit.Lab.Fixtures;

/// <summary>
/// What the fixture builders share: a tree is complete when all its files exist, are not empty, and its
/// stamp (<see cref="BootFixture.StampFile"/>) names the current layout; a new tree is built in a sibling
/// staging directory and renamed into place, so a half-built tree never looks complete; single files are
/// replaced atomically.
/// </summary>
internal static class FixtureTree
{
    public static bool IsComplete(string directory, IEnumerable<string> files, int layoutVersion) =>
        HasFiles(directory, files) && ReadStamp(directory) == layoutVersion;

    public static bool HasFiles(string directory, IEnumerable<string> files) =>
        files.All(f => new FileInfo(Path.Combine(directory, f)) is { Exists: true, Length: > 0 });

    public static Task WriteStampAsync(string tree, int layoutVersion, CancellationToken cancellationToken) =>
        ReplaceAsync(tree, BootFixture.StampFile, t => File.WriteAllTextAsync(t, layoutVersion.ToString(CultureInfo.InvariantCulture) + "\n", cancellationToken));

    /// <summary>Writes <paramref name="name"/> under a temporary name beside it, then renames it over the old one.</summary>
    public static async Task ReplaceAsync(string tree, string name, Func<string, Task> write)
    {
        var path = Path.Combine(tree, name);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await write(temporary).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary); // gone already unless writing failed
        }
    }

    public static Task CopyAsync(string source, string destination)
    {
        File.Copy(source, destination);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Builds a whole tree with <paramref name="build"/> (given a staging directory and a scratch directory)
    /// and renames it to <paramref name="target"/>, unless another builder completed the target meanwhile:
    /// its complete tree wins and ours is discarded. Staging and scratch are always deleted.
    /// </summary>
    public static async Task BuildAsync(string target, Func<string, string, Task> build, Func<string, bool> isComplete)
    {
        var parent = Path.GetDirectoryName(target) ?? throw new ArgumentException("The fixture directory cannot be a root.", nameof(target));
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.building-{Guid.NewGuid():N}");
        var work = Directory.CreateTempSubdirectory("pxekit-fixtures-").FullName;
        try
        {
            Directory.CreateDirectory(staging);
            await build(staging, work).ConfigureAwait(false);
            if (!isComplete(target))
            {
                if (Directory.Exists(target))
                {
                    Directory.Delete(target, recursive: true); // incomplete: a file was missing
                }

                Directory.Move(staging, target);
            }
        }
        finally
        {
            DeleteQuietly(staging);
            DeleteQuietly(work);
        }
    }

    private static int? ReadStamp(string directory)
    {
        var stamp = Path.Combine(directory, BootFixture.StampFile);
        return File.Exists(stamp) && int.TryParse(File.ReadAllText(stamp).Trim(), CultureInfo.InvariantCulture, out var version) ? version : null;
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless; the build result stands.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
