using System.Text.RegularExpressions;
using PxeKit.Lab.Processes;

namespace PxeKit.Lab.Fixtures;

/// <summary>
/// Fetches Debian packages without installing them: <c>apt-get download</c> into a directory, then
/// <c>dpkg -x</c>. Nothing on the host changes except, once, apt's package lists.
/// </summary>
public sealed partial class DebianPackages(ICommandRunner runner)
{
    /// <summary>
    /// The concrete package a metapackage depends on, e.g. <c>linux-image-6.1.0-56-amd64</c> for
    /// <c>linux-image-amd64</c>. Runs <c>apt-get update</c> once if apt knows nothing about it yet.
    /// </summary>
    public async Task<string> ResolveDependencyAsync(string metapackage, string dependencyPrefix, CancellationToken cancellationToken)
    {
        var depends = new Command("apt-cache", "depends", metapackage);
        var found = FindDependency(await DependsOutputAsync(depends, cancellationToken).ConfigureAwait(false), dependencyPrefix);
        if (found is null)
        {
            var update = await runner.RunAsync(new Command("apt-get", "update", "-q"), cancellationToken).ConfigureAwait(false);
            update.ThrowIfFailed("Updating apt's package lists (needed to find the kernel package)");
            found = FindDependency(await DependsOutputAsync(depends, cancellationToken).ConfigureAwait(false), dependencyPrefix);
        }

        return found ?? throw new LabCommandException(
            $"Could not find a {dependencyPrefix}* dependency of {metapackage}: `{depends.ToShell()}` names none.");
    }

    /// <summary>Downloads <paramref name="package"/> into <paramref name="workDirectory"/> and unpacks it into <paramref name="extractDirectory"/>.</summary>
    public async Task DownloadAndExtractAsync(string package, string workDirectory, string extractDirectory, CancellationToken cancellationToken)
    {
        var download = new Command("apt-get", "download", "-q", package) { WorkingDirectory = workDirectory };
        (await runner.RunAsync(download, cancellationToken).ConfigureAwait(false)).ThrowIfFailed($"Downloading {package}");
        var debs = Directory.GetFiles(workDirectory, "*.deb");
        var deb = debs.FirstOrDefault(d => Path.GetFileName(d).StartsWith(package + "_", StringComparison.Ordinal))
            ?? throw new LabCommandException($"Downloading {package} failed: apt-get reported success but left no {package}_*.deb in {workDirectory}.");
        var extract = new Command("dpkg", "-x", deb, extractDirectory);
        (await runner.RunAsync(extract, cancellationToken).ConfigureAwait(false)).ThrowIfFailed($"Unpacking {package}");
    }

    /// <summary>Finds <c>Depends: PREFIX...</c> in <c>apt-cache depends</c> output.</summary>
    internal static string? FindDependency(string aptCacheDependsOutput, string dependencyPrefix)
    {
        foreach (Match match in DependsLine().Matches(aptCacheDependsOutput))
        {
            var name = match.Groups["name"].Value;
            if (name.StartsWith(dependencyPrefix, StringComparison.Ordinal))
            {
                return name;
            }
        }

        return null;
    }

    private async Task<string> DependsOutputAsync(Command depends, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(depends, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? result.StandardOutput : "";
    }

    [GeneratedRegex(@"^\s*\|?Depends:\s*(?<name>[a-z0-9][a-z0-9.+-]*)", RegexOptions.Multiline)]
    private static partial Regex DependsLine();
}
